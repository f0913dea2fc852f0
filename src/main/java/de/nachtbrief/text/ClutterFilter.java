package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Removes web-copy clutter (newsletter prompts, cookie notices, bylines, share buttons,
 * teaser blocks, menus) from plain article text and normalises its whitespace. Paragraphs
 * come back separated by a blank line, lines inside a paragraph by a single line break.
 * The rules live in {@link ClutterRules}.
 */
public final class ClutterFilter {

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ ]*\\n\\s*");

	private static final Pattern TERMINAL_PUNCTUATION = Pattern.compile("[.!?:;,…\"“”»«)]$");

	private static final Pattern PROMO_WORDS = Pattern
		.compile("\\b(erhalten sie|erhalte|melden sie|jetzt|kostenlos|gratis|exklusiv|angebot|e-mail|abonnier|anmelden"
				+ "|neueste|wöchentlich|täglich|postfach)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern FIGURE = Pattern.compile("\\d");

	private static final int LONG_PARAGRAPH_WORDS = 25;

	private static final int MENU_RUN_LENGTH = 3;

	private ClutterFilter() {
	}

	/**
	 * Returns {@code text} without clutter; never {@code null}, possibly empty.
	 */
	public static String clean(String text) {
		Objects.requireNonNull(text, "text");
		List<Line> lines = linesOf(InvisibleCharacters.normalise(text));
		lines.replaceAll((line) -> new Line(InlineClutter.strip(line.text()), line.paragraph()));
		lines.removeIf((line) -> line.text().isEmpty());
		boolean[] dropped = new boolean[lines.size()];
		dropRuleMatches(lines, dropped);
		dropMenuRuns(lines, dropped);
		return reassemble(lines, dropped);
	}

	private static List<Line> linesOf(String text) {
		List<Line> lines = new ArrayList<>();
		String[] paragraphs = PARAGRAPH_BREAK.split(text.strip());
		for (int paragraph = 0; paragraph < paragraphs.length; paragraph++) {
			for (String line : paragraphs[paragraph].split("\n")) {
				if (!line.isBlank()) {
					lines.add(new Line(line.strip(), paragraph));
				}
			}
		}
		return lines;
	}

	private static void dropRuleMatches(List<Line> lines, boolean[] dropped) {
		boolean inTeaser = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).text();
			if (inTeaser && !isLongParagraph(line)) {
				dropped[i] = true;
				continue;
			}
			inTeaser = false;
			ClutterRule rule = firstMatchingRule(line);
			if (rule == null) {
				continue;
			}
			dropped[i] = true;
			switch (rule.action()) {
				case DROP -> {
				}
				case DROP_WITH_PROMO -> dropNextIf(lines, dropped, i, ClutterFilter::isPromo);
				case DROP_WITH_NAME -> dropNextIf(lines, dropped, i, ClutterFilter::isNameLine);
				case START_TEASER -> inTeaser = true;
			}
		}
	}

	private static ClutterRule firstMatchingRule(String line) {
		return ClutterRules.ALL.stream().filter((rule) -> rule.matches(line)).findFirst().orElse(null);
	}

	private static void dropNextIf(List<Line> lines, boolean[] dropped, int i, Predicate<String> condition) {
		if (i + 1 < lines.size() && condition.test(lines.get(i + 1).text())) {
			dropped[i + 1] = true;
		}
	}

	// Navigation menus survive copy-paste as several one- to three-word lines in a row;
	// headings come alone.
	// Menus carry no figures, so rows of a table of numbers are never taken for one.
	private static void dropMenuRuns(List<Line> lines, boolean[] dropped) {
		List<Integer> kept = IntStream.range(0, lines.size()).filter((i) -> !dropped[i]).boxed().toList();
		int runStart = 0;
		for (int k = 0; k <= kept.size(); k++) {
			if (k < kept.size() && isMenuLike(lines.get(kept.get(k)).text())) {
				continue;
			}
			if (k - runStart >= MENU_RUN_LENGTH) {
				kept.subList(runStart, k).forEach((i) -> dropped[i] = true);
			}
			runStart = k + 1;
		}
	}

	private static String reassemble(List<Line> lines, boolean[] dropped) {
		StringBuilder text = new StringBuilder();
		int paragraph = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (!dropped[i]) {
				boolean sameParagraph = lines.get(i).paragraph() == paragraph;
				text.append(text.isEmpty() ? "" : sameParagraph ? "\n" : "\n\n").append(lines.get(i).text());
				paragraph = lines.get(i).paragraph();
			}
		}
		return text.toString();
	}

	private static boolean isLongParagraph(String line) {
		return wordCount(line) >= LONG_PARAGRAPH_WORDS;
	}

	private static boolean isPromo(String line) {
		return !isLongParagraph(line) && (PROMO_WORDS.matcher(line).find() || !endsWithPunctuation(line));
	}

	private static boolean isNameLine(String line) {
		return wordCount(line) <= 4 && !endsWithPunctuation(line) && Character.isUpperCase(line.charAt(0));
	}

	private static boolean isMenuLike(String line) {
		return wordCount(line) <= 3 && line.length() <= 30 && !endsWithPunctuation(line)
				&& !FIGURE.matcher(line).find();
	}

	private static boolean endsWithPunctuation(String line) {
		return TERMINAL_PUNCTUATION.matcher(line).find();
	}

	private static int wordCount(String line) {
		return line.strip().split(" +").length;
	}

	private record Line(String text, int paragraph) {
	}

}
