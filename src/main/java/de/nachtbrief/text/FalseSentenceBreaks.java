package de.nachtbrief.text;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises false breaks in ICU's German sentence segmentation: abbreviations, ordinal
 * numbers, initials, labels before numbers, list markers, names like "01.AI" and line
 * breaks inside a sentence.
 */
final class FalseSentenceBreaks {

	/** Abbreviations that never end a sentence, written without inner spaces. */
	private static final Set<String> ABBREVIATIONS = Set.of("z.B.", "z.T.", "z.Zt.", "d.h.", "u.a.", "o.Ä.", "o.ä.",
			"u.U.", "i.d.R.", "v.a.", "s.o.", "s.u.", "m.E.", "u.v.m.", "o.g.", "i.A.", "bzw.", "ca.", "vgl.", "ggf.",
			"evtl.", "inkl.", "exkl.", "zzgl.", "bspw.", "sog.", "insb.", "Dr.", "Prof.", "Hr.", "Hrn.", "Fr.", "St.",
			"Nr.", "Abs.", "Str.", "Bd.", "Kap.", "Abb.", "Tab.", "Anm.", "Mio.", "Mrd.", "Tsd.", "Jh.", "Jahrh.",
			"Jan.", "Feb.", "Mrz.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Okt.", "Nov.", "Dez.", "Abt.",
			"Hbf.", "Hrsg.", "geb.", "gest.", "verh.", "ehem.", "Tel.", "Co.", "Gebr.", "Dipl.-Ing.", "Dipl.-Kfm.",
			"einschl.", "entspr.", "eigtl.", "jew.", "tägl.", "mind.", "max.");

	private static final Set<String> MONTHS = Set.of("Januar", "Jänner", "Februar", "März", "April", "Mai", "Juni",
			"Juli", "August", "September", "Oktober", "November", "Dezember", "Jan.", "Feb.", "Mrz.", "Apr.", "Jun.",
			"Jul.", "Aug.", "Sep.", "Sept.", "Okt.", "Nov.", "Dez.");

	/** Nouns that commonly follow an ordinal number. */
	private static final Set<String> ORDINAL_NOUNS = Set.of("Jahrhundert", "Jh.", "Jahrtausend", "Platz", "Rang",
			"Bundesliga", "Liga", "Mal", "Stock", "Klasse", "Runde", "Spieltag", "Etappe", "Tag", "Woche", "Quartal",
			"Halbjahr", "Auflage", "Ausgabe", "Kapitel", "Weltkrieg", "Stelle", "Generation", "Lebensjahr",
			"Geburtstag", "Jahrestag", "Amtszeit", "Legislaturperiode", "Bauabschnitt", "Jahrgang", "Staffel", "Teil",
			"Minute", "Sekunde", "Bezirk", "Gemeindebezirk", "Satz", "Durchgang", "Lauf", "Wahlgang", "Sitzung",
			"Folge", "Saison", "Spiel", "Heimspiel", "Auswärtsspiel", "Loch", "Kilometer", "Grad", "Monat", "Jahr",
			"Stufe", "Ebene", "Position", "Reihe", "Symphonie", "Sinfonie", "Ausstellung", "Festival");

	/** Words before a number that make it an ordinal ("am 3.", "der 12."). */
	private static final Set<String> ORDINAL_DETERMINERS = Set.of("am", "im", "zum", "zur", "vom", "beim", "der", "die",
			"das", "den", "dem", "des", "ein", "eine", "einem", "einen", "eines", "jeder", "jede", "jedes", "jedem",
			"jeden", "ihr", "ihre", "ihrem", "ihren", "ihres", "sein", "seine", "seinem", "seinen", "seines");

	private static final Pattern LIST_MARKER = Pattern.compile("\\d{1,3}[.)]|[a-z][.)]|[-–•*]");

	private static final Pattern SINGLE_LOWERCASE_LETTER = Pattern.compile("\\p{Ll}\\.");

	// "(16." opens a date in brackets as "am 16." does in running text.
	private static final Pattern ORDINAL_AT_END = Pattern.compile("(?:^|\\s)(?:(\\p{L}+)\\s+)?(\\(|\\[)?\\d{1,4}\\.$");

	private static final Pattern INITIAL_AT_END = Pattern.compile("(?:^|[\\s(„\"])\\p{Lu}\\.$");

	// "Art. 5", "S. 12": German style avoids starting a sentence with digits, so a short
	// word before them is a label.
	private static final Pattern SHORT_LABEL_AT_END = Pattern.compile("(?:^|\\s)\\p{Lu}\\p{Ll}{0,3}\\.$");

	private static final Pattern OPENING_PUNCTUATION = Pattern.compile("^[(\\[„\"»“‚']+");

	private FalseSentenceBreaks() {
	}

	/**
	 * Whether ICU's break between {@code before} and {@code after} (both raw, with their
	 * whitespace) is wrong.
	 */
	static boolean isFalseBreak(String before, String after) {
		String head = before.strip();
		String next = firstWord(after);
		if (head.isEmpty() || next.isEmpty()) {
			return false;
		}
		if (LIST_MARKER.matcher(head).matches() || isInsideAWord(before, after)) {
			return true;
		}
		boolean nextIsLowercase = Character.isLowerCase(next.codePointAt(0));
		if (!head.endsWith(".")) {
			// A line break inside a sentence (wrapped text) is followed by a lowercase
			// word; a heading is not.
			boolean endsWithLineBreak = before.substring(before.stripTrailing().length()).contains("\n");
			return nextIsLowercase && endsWithLineBreak && !head.matches(".*[!?:;…\"“”»«]$");
		}
		return nextIsLowercase || endsWithAbbreviation(head) || endsWithOrdinal(head, next)
				|| (INITIAL_AT_END.matcher(head).find() && Character.isUpperCase(next.codePointAt(0)))
				|| (SHORT_LABEL_AT_END.matcher(head).find() && Character.isDigit(next.codePointAt(0)));
	}

	// "01.AI" or "Version2.Beta": a break with no space after the full stop sits inside a
	// name.
	private static boolean isInsideAWord(String before, String after) {
		return !Character.isWhitespace(before.charAt(before.length() - 1))
				&& Character.isLetterOrDigit(after.codePointAt(0));
	}

	private static boolean endsWithAbbreviation(String head) {
		String[] tokens = head.split("\\s+");
		String last = OPENING_PUNCTUATION.matcher(tokens[tokens.length - 1]).replaceFirst("");
		if (SINGLE_LOWERCASE_LETTER.matcher(last).matches()) {
			return true;
		}
		String candidate = "";
		for (int i = tokens.length - 1; i >= Math.max(0, tokens.length - 3); i--) {
			candidate = OPENING_PUNCTUATION.matcher(tokens[i]).replaceFirst("") + candidate;
			if (ABBREVIATIONS.contains(candidate) || ABBREVIATIONS.contains(lowercaseFirst(candidate))) {
				return true;
			}
		}
		return false;
	}

	private static boolean endsWithOrdinal(String head, String next) {
		Matcher ordinal = ORDINAL_AT_END.matcher(head);
		if (!ordinal.find()) {
			return false;
		}
		String wordBefore = (ordinal.group(1) != null) ? ordinal.group(1).toLowerCase(Locale.GERMAN) : "";
		boolean bracketed = ordinal.group(2) != null;
		return MONTHS.contains(next) || isOrdinalNoun(next) || ORDINAL_DETERMINERS.contains(wordBefore)
				|| (bracketed && Character.isUpperCase(next.codePointAt(0)));
	}

	// "des 20. Jahrhunderts", "des 3. Platzes": the noun may be inflected.
	private static boolean isOrdinalNoun(String word) {
		return ORDINAL_NOUNS.contains(word) || ORDINAL_NOUNS.contains(word.replaceFirst("(?:es|s|en|n)$", ""));
	}

	private static String firstWord(String text) {
		String stripped = text.strip();
		int end = 0;
		while (end < stripped.length() && !Character.isWhitespace(stripped.charAt(end))) {
			end++;
		}
		String word = OPENING_PUNCTUATION.matcher(stripped.substring(0, end)).replaceFirst("");
		// Keep an abbreviation's dot ("Jh.", "Jan.") but drop other trailing punctuation
		// ("Platz," -> "Platz").
		return (MONTHS.contains(word) || ORDINAL_NOUNS.contains(word)) ? word : word.replaceFirst("\\p{P}+$", "");
	}

	private static String lowercaseFirst(String word) {
		return word.isEmpty() ? word : word.substring(0, 1).toLowerCase(Locale.GERMAN) + word.substring(1);
	}

}
