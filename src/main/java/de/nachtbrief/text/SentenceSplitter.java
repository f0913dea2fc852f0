package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;

/**
 * Splits German text into sentences: ICU's sentence rules, then a merge pass for the
 * false breaks they make (see {@link FalseSentenceBreaks}). A paragraph break (blank
 * line) always ends a sentence; a single line break ends one only after a closing mark or
 * a short line such as a heading, since wrapped text (a PDF's lines) goes on in the next.
 * <p>
 * ICU's CLDR abbreviation suppressions ({@code de@ss=standard}) are deliberately not
 * used: in ICU4J 77.1 they match word suffixes, so every sentence ending in a word like
 * "Müller.", "Uhr." or "Sommer." would run into the next one.
 * <p>
 * A number followed by a full stop is read as an ordinal only when a month, an ordinal
 * noun ("Platz", "Jahrhundert") or an article before it ("am 3.", "der 12.") says so. So
 * "Der Kurs stieg um 12. Danach fiel er." gives two sentences, while "Sie landete auf dem
 * 12. Rang." stays one. Known misses: a single capital letter before a full stop
 * ("Vitamin C. Dann") counts as an initial, and "Mio." or "Mrd." at the very end of a
 * sentence is taken for an abbreviation inside it.
 */
public final class SentenceSplitter {

	// ICU break iterators are not thread-safe; each call works on a clone of this one.
	private static final BreakIterator PROTOTYPE = BreakIterator.getSentenceInstance(ULocale.GERMAN);

	/** Shorter lines without a closing mark are headings or bylines, not wrapped text. */
	private static final int FULL_LINE = 50;

	private static final Pattern CLOSING_MARK = Pattern.compile("[.!?:;…\"“”»«]$");

	private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-–•*]|\\d{1,2}[.)])\\s");

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\u00A0]*\\n");

	private static final int MAX_HEADING_WORDS = 5;

	/** Words German capitalises only where a sentence starts. */
	private static final Set<String> SENTENCE_OPENERS = Set.of("Bei", "Im", "Am", "Mit", "Nach", "Für", "Auf", "Auch",
			"Doch", "Aber", "Ich", "Wir", "Es", "Er", "Zum", "Zur", "Vom", "Seit", "Trotz", "Wegen", "Laut", "Als",
			"Wie", "Wenn", "Dass", "Nun", "Noch", "Schon", "Dabei", "Damit", "Dort", "Zudem", "Außerdem", "Allerdings",
			"In", "An", "Aus", "Von", "Vor", "Über", "Unter", "Gegen", "Um", "Bis", "Ob", "So");

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private SentenceSplitter() {
	}

	/**
	 * Returns the sentences of {@code text} in order, each trimmed and with its
	 * whitespace collapsed to single spaces.
	 */
	public static List<String> split(String text) {
		Objects.requireNonNull(text, "text");
		List<String> sentences = new ArrayList<>();
		for (String paragraph : PARAGRAPH_BREAK.split(text)) {
			if (!paragraph.isBlank()) {
				splitParagraph(paragraph, sentences);
			}
		}
		return List.copyOf(sentences);
	}

	private static void splitParagraph(String paragraph, List<String> sentences) {
		paragraph = unwrap(paragraph);
		BreakIterator iterator = (BreakIterator) PROTOTYPE.clone();
		iterator.setText(paragraph);
		StringBuilder pending = new StringBuilder();
		int start = iterator.first();
		for (int end = iterator.next(); end != BreakIterator.DONE; start = end, end = iterator.next()) {
			String segment = paragraph.substring(start, end);
			if (segment.isBlank()) {
				pending.append(segment);
				continue;
			}
			if (!pending.isEmpty() && !FalseSentenceBreaks.isFalseBreak(pending.toString(), segment)) {
				addTidied(pending, sentences);
			}
			pending.append(segment);
		}
		addTidied(pending, sentences);
	}

	/**
	 * Joins lines that were wrapped inside a sentence, as a PDF gives them: a full-length
	 * line without a closing mark goes on in the next, whatever case that starts with
	 * (German capitalises every noun). Short lines, such as headings, keep their break.
	 */
	static String unwrap(String paragraph) {
		String[] lines = paragraph.split("\n", -1);
		StringBuilder joined = new StringBuilder(lines[0]);
		for (int i = 1; i < lines.length; i++) {
			String previous = lines[i - 1].strip();
			boolean wrapped = previous.length() >= FULL_LINE && !CLOSING_MARK.matcher(previous).find()
					&& !LIST_ITEM.matcher(lines[i]).find();
			joined.append(wrapped ? ' ' : '\n').append(lines[i]);
		}
		return joined.toString();
	}

	private static void addTidied(StringBuilder pending, List<String> sentences) {
		String sentence = WHITESPACE.matcher(pending).replaceAll(" ").strip();
		if (!sentence.isEmpty()) {
			int heading = gluedHeadingEnd(sentence);
			if (heading > 0) {
				sentences.add(sentence.substring(0, heading).strip());
				sentence = sentence.substring(heading).strip();
			}
			sentences.add(sentence);
		}
		pending.setLength(0);
	}

	/**
	 * Where a sub-heading that lost its line break ends ("Leise Kritik Bei PSG drehte
	 * sich …"), or 0: a few capitalised words without punctuation, then a word German
	 * capitalises only at a sentence's start.
	 */
	static int gluedHeadingEnd(String sentence) {
		String[] words = sentence.split(" ", MAX_HEADING_WORDS + 2);
		int end = 0;
		for (int i = 0; i < Math.min(words.length - 1, MAX_HEADING_WORDS + 1); i++) {
			String word = words[i];
			if (i > 0 && SENTENCE_OPENERS.contains(word)) {
				return end;
			}
			boolean headingWord = Character.isUpperCase(word.codePointAt(0)) && !SENTENCE_OPENERS.contains(word)
					&& Character.isLetterOrDigit(word.codePointAt(word.length() - 1));
			if (!headingWord) {
				return 0;
			}
			end += word.length() + 1;
		}
		return 0;
	}

}
