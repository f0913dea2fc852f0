package de.nachtbrief.llm.extractive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.brief.Brief.Figure;

/**
 * Finds figures in German sentences: amounts with a unit or scale ("4,2 Millionen Euro",
 * "12 %", "das 18-fache"), formatted numbers ("1.000", "3,5"), dates ("1. Januar 2025",
 * "Juli 2025") and years with a word that anchors them ("seit 2019"). Bare numbers such
 * as "Microsoft 365" or "GPT-4" are not figures. Values are literal substrings.
 */
final class FigureFinder {

	private static final String NUMBER = "(?<![\\p{L}\\p{N}.,/-])"
			+ "(?<number>\\d{1,3}(?:\\.\\d{3})+(?:,\\d+)?|\\d+(?:,\\d+)?)(?![\\p{N}]|[.,]\\d)";

	private static final String SCALE = "(?<scale>Millionen|Million|Mio\\.|Milliarden|Milliarde|Mrd\\.|Billionen"
			+ "|Billion|Tausend|Tsd\\.)";

	private static final String UNIT = "(?<unit>Prozentpunkten?|Prozent|%|Euro|€|US-Dollar|Dollar|\\$|Franken|Pfund"
			+ "|Yuan|Yen|Cent|Kilometern?|km|Metern?|Quadratmetern?|Hektar|Kilogramm|kg|Tonnen|Grad|°C|Stunden|Minuten"
			+ "|Sekunden|Jahren?|Monaten?|Wochen|Tagen?|Menschen|Personen|Einwohner(?:innen|n)?|Mitarbeiter(?:innen|n)?"
			+ "|Beschäftigten?|Arbeitsplätzen?|Stellen|Nutzer(?:innen|n)?|Kunden|Stimmen|Sitzen?|Fällen?|Haushalten?"
			+ "|Schüler(?:innen|n)?|Wohnungen|Unternehmen|Punkten?|Token|Parameter)(?![\\p{L}\\p{N}])";

	// Web copy often puts a no-break or narrow no-break space between a number and its
	// unit.
	private static final String SPACE = "[\\s\\u00A0\\u202F]";

	private static final String MONTH = "(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober"
			+ "|November|Dezember)";

	private static final Pattern FIGURE = Pattern
		.compile(String.join("|", "(?<date>(?<day>\\b\\d{1,2}\\.\\s?)?" + MONTH + "\\b(?<year>\\s(?:19|20)\\d{2}\\b)?)",
				"(?<numericDate>\\b\\d{1,2}\\.\\d{1,2}\\.(?:19|20)\\d{2}\\b)",
				"(?<anchoredYear>\\b(?i:im Jahre?|seit|bis|ab|Ende|Anfang|Mitte) (?:19|20)\\d{2}\\b(?![.,]\\d))",
				"(?:(?<currency>€|\\$|US-\\$)" + SPACE + "?)?" + NUMBER + "(?:" + SPACE + SCALE + ")?" + "(?:" + SPACE
						+ "?" + UNIT + "|(?<multiple>-fache[nmrs]?))?"));

	private static final int MAX_FIGURES = 10;

	private static final int CONTEXT_LENGTH = 200;

	private FigureFinder() {
	}

	/**
	 * Returns distinct figures, at most ten, from the sentences in the order given (best
	 * first).
	 */
	static List<Figure> find(List<String> sentences) {
		Map<String, Figure> figures = new LinkedHashMap<>();
		for (String sentence : sentences) {
			Matcher matcher = FIGURE.matcher(sentence);
			while (matcher.find() && figures.size() < MAX_FIGURES) {
				if (isFigure(matcher)) {
					String value = matcher.group().strip();
					figures.putIfAbsent(value, new Figure(value, context(sentence, matcher.start(), matcher.end())));
				}
			}
		}
		return List.copyOf(figures.values());
	}

	private static boolean isFigure(Matcher matcher) {
		if (matcher.group("date") != null) {
			return matcher.group("day") != null || matcher.group("year") != null;
		}
		if (matcher.group("numericDate") != null || matcher.group("anchoredYear") != null) {
			return true;
		}
		String number = matcher.group("number");
		boolean formatted = number.contains(".") || number.contains(",");
		return formatted || matcher.group("currency") != null || matcher.group("scale") != null
				|| matcher.group("unit") != null || matcher.group("multiple") != null;
	}

	/**
	 * The sentence, or about {@value #CONTEXT_LENGTH} characters of it around the figure
	 * cut at word boundaries.
	 */
	static String context(String sentence, int start, int end) {
		if (sentence.length() <= CONTEXT_LENGTH) {
			return sentence;
		}
		int from = Math.max(0, Math.min((start + end) / 2 - CONTEXT_LENGTH / 2, sentence.length() - CONTEXT_LENGTH));
		int to = Math.min(sentence.length(), from + CONTEXT_LENGTH);
		if (from > 0) {
			int space = sentence.indexOf(' ', from);
			from = (space >= 0 && space < start) ? space + 1 : from;
		}
		if (to < sentence.length()) {
			int space = sentence.lastIndexOf(' ', to);
			to = (space > end) ? space : to;
		}
		return (from > 0 ? "…" : "") + sentence.substring(from, to).strip() + (to < sentence.length() ? "…" : "");
	}

}
