package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.brief.Brief.Quote;

/**
 * Finds direct quotes in German text („…“, “…”, »…«, "…") and their speakers from
 * attribution patterns such as {@code „…“, sagte Maria Müller}, {@code „…“, so Müller} or
 * {@code Müller sagte: „…“}. Speakers are copied from the text; a pronoun ("sagte er") or
 * a missing attribution gives an empty speaker, since resolving it would be a guess.
 */
final class QuoteFinder {

	private static final Pattern QUOTE = Pattern.compile("„(?<german>[^„“”\\n]{1,600})[“”]"
			+ "|“(?<english>[^“”\\n]{1,600})”|»(?<guillemets>[^»«\\n]{1,600})«|«(?<swiss>[^«»\\n]{1,600})»|\"(?<straight>[^\"\\n]{1,600})\"");

	private static final String VERB = "(?:sagte|sagt|sagten|erklärte|erklärt|erklärten|betonte|betont|meinte|meint"
			+ "|warnte|warnt|bemerkte|bemerkt|fügte|ergänzte|ergänzt|kritisierte|kritisiert|räumte|schrieb|schreibt"
			+ "|teilte|versprach|verspricht|forderte|fordert|berichtete|berichtet|erzählte|erzählt|antwortete|antwortet"
			+ "|unterstrich|mahnte|mahnt)";

	private static final String NAME_WORD = "(?:Dr\\.|Prof\\.|\\p{Lu}[\\p{L}’'-]+)";

	private static final String SPEAKER = "(?<speaker>(?:(?:der|die)\\s+)?" + NAME_WORD + "(?:\\s+" + NAME_WORD
			+ "){0,3})";

	private static final Pattern SPEAKER_AFTER = Pattern.compile("^\\s*,?\\s*(?:" + VERB + "|so)\\s+" + SPEAKER);

	private static final Pattern SPEAKER_BEFORE = Pattern
		.compile(SPEAKER + "\\s+" + VERB + "(?:\\s+[^\\s:„“\"»]+){0,4}?\\s*:\\s*$");

	private static final Pattern VERB_THEN_SPEAKER_BEFORE = Pattern.compile(VERB + "\\s+" + SPEAKER + "\\s*:\\s*$");

	private static final Set<String> PRONOUNS = Set.of("er", "sie", "es", "wir", "ich", "ihr", "man", "das", "dies",
			"der", "die", "dieser", "diese");

	// Sentence adverbs that open a sentence before the speaker ("Auch Müller sagte: ...")
	// are not part of the name.
	private static final Pattern LEADING_ADVERB = Pattern
		.compile("^(?:Auch|Doch|Aber|Und|Dann|Zudem|Später|Gestern|Heute|Nun|Jetzt|Dazu)\\s+(?=\\p{Lu})");

	private static final int MIN_WORDS_WITH_SPEAKER = 4;

	// Short quotes without a speaker are mostly names ("AI for Good Global Summit") or
	// scare quotes.
	private static final int MIN_WORDS_WITHOUT_SPEAKER = 6;

	private static final int MAX_QUOTES = 5;

	private static final int ATTRIBUTION_WINDOW = 150;

	private QuoteFinder() {
	}

	/**
	 * Returns at most five quotes in source order, preferring those with a known speaker.
	 */
	static List<Quote> find(String text) {
		List<Found> found = new ArrayList<>();
		Matcher matcher = QUOTE.matcher(text);
		while (matcher.find()) {
			String quoted = firstNonNullGroup(matcher).strip();
			String speaker = speaker(text, matcher.start(), matcher.end());
			int words = quoted.split("\\s+").length;
			boolean known = !speaker.isEmpty();
			boolean duplicate = found.stream().anyMatch((other) -> other.quote.text().equals(quoted));
			if (!duplicate && words >= (known ? MIN_WORDS_WITH_SPEAKER : MIN_WORDS_WITHOUT_SPEAKER)) {
				found.add(new Found(matcher.start(), new Quote(speaker, quoted)));
			}
		}
		return found.stream()
			.sorted(Comparator.comparing((Found f) -> f.quote.speaker().isEmpty()).thenComparingInt(Found::position))
			.limit(MAX_QUOTES)
			.sorted(Comparator.comparingInt(Found::position))
			.map(Found::quote)
			.toList();
	}

	private static String firstNonNullGroup(Matcher matcher) {
		for (String group : List.of("german", "english", "guillemets", "swiss", "straight")) {
			if (matcher.group(group) != null) {
				return matcher.group(group);
			}
		}
		throw new IllegalStateException("quote pattern matched without a quote group");
	}

	private static String speaker(String text, int quoteStart, int quoteEnd) {
		String after = text.substring(quoteEnd, Math.min(text.length(), quoteEnd + ATTRIBUTION_WINDOW));
		Matcher match = SPEAKER_AFTER.matcher(after);
		if (!match.find()) {
			String before = text.substring(Math.max(0, quoteStart - ATTRIBUTION_WINDOW), quoteStart);
			// "Am Montag erklärte Anna Weber:" must not make "Am Montag" the speaker, so
			// the inverted order goes first.
			match = VERB_THEN_SPEAKER_BEFORE.matcher(before);
			if (!match.find()) {
				match = SPEAKER_BEFORE.matcher(before);
				if (!match.find()) {
					return "";
				}
			}
		}
		String speaker = LEADING_ADVERB.matcher(match.group("speaker")).replaceFirst("");
		return PRONOUNS.contains(speaker.toLowerCase(Locale.GERMAN)) ? "" : speaker;
	}

	private record Found(int position, Quote quote) {
	}

}
