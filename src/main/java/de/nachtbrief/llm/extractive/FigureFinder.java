package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
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

	private static final int CONTEXT_LENGTH = 120;

	private static final Pattern CLAUSE_BREAK = Pattern.compile(",\\s|\\s[–—]\\s|;\\s|:\\s");

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

	// Dates are matched so that their numbers are not read as amounts, but a date says
	// when, not how much: it is not a figure.
	private static boolean isFigure(Matcher matcher) {
		if (matcher.group("date") != null || matcher.group("numericDate") != null
				|| matcher.group("anchoredYear") != null) {
			return false;
		}
		String number = matcher.group("number");
		boolean formatted = number.contains(".") || number.contains(",");
		return formatted || matcher.group("currency") != null || matcher.group("scale") != null
				|| matcher.group("unit") != null || matcher.group("multiple") != null;
	}

	/**
	 * The sentence, or when it is longer than {@value #CONTEXT_LENGTH} characters the
	 * clauses around the figure (between commas, dashes, semicolons or colons), as many
	 * as fit, so that the context is whole clauses of the source without a cut.
	 */
	static String context(String sentence, int start, int end) {
		if (sentence.length() <= CONTEXT_LENGTH) {
			return sentence;
		}
		List<int[]> clauses = new ArrayList<>();
		Matcher breaks = CLAUSE_BREAK.matcher(sentence);
		int from = 0;
		while (breaks.find()) {
			clauses.add(new int[] { from, breaks.start() });
			from = breaks.end();
		}
		clauses.add(new int[] { from, sentence.length() });
		int first = 0;
		while (clauses.get(first)[1] < end && first < clauses.size() - 1) {
			first++;
		}
		while (clauses.get(first)[0] > start && first > 0) {
			first--;
		}
		int last = first;
		while (clauses.get(last)[1] < end && last < clauses.size() - 1) {
			last++;
		}
		boolean grown = true;
		while (grown) {
			grown = false;
			if (last + 1 < clauses.size() && clauses.get(last + 1)[1] - clauses.get(first)[0] <= CONTEXT_LENGTH) {
				last++;
				grown = true;
			}
			if (first > 0 && clauses.get(last)[1] - clauses.get(first - 1)[0] <= CONTEXT_LENGTH) {
				first--;
				grown = true;
			}
		}
		String clause = sentence.substring(clauses.get(first)[0], clauses.get(last)[1]).strip();
		return (clause.length() <= 2 * CONTEXT_LENGTH) ? clause : wordWindow(sentence, start, end);
	}

	/** A run-on clause: about {@value #CONTEXT_LENGTH} characters around the figure. */
	private static String wordWindow(String sentence, int start, int end) {
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
