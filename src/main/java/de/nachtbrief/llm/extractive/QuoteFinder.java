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

	private static final Pattern QUOTE_MARK = Pattern.compile("[„“”»«\"]");

	private static final Pattern SPEECH_THEN_SPEAKER = Pattern
		.compile("(?<said>[^,].{10,600}?[^,]),\\s+(?<attribution>(?:" + VERB + "|so)\\s+.{2,300}?)");

	private static final Pattern SPEAKER_THEN_SPEECH = Pattern
		.compile("(?<attribution>[^:]{0,80}?\\b" + VERB + "\\b[^:]{0,60}):\\s+(?<said>\\p{Lu}.{10,600})");

	// Konjunktiv I and a "dass" clause mark reported speech, which is not a quote.
	// Konjunktiv I marks reported speech, which is not a quote; Konjunktiv II and "habe"
	// do so only where nobody speaks in the first person.
	private static final Pattern REPORTED_SPEECH = Pattern.compile("(?i)\\b(?:sei|seien|werde|könne|müsse|solle"
			+ "|wolle|dürfe|gebe|hänge|liege|gehe|stehe|komme|bleibe|gelte|handle|fehle|zeige|wisse|brauche|lasse"
			+ "|dass)\\b|\\b(?:er|es|man)\\s+\\p{L}+e\\b");

	private static final Pattern THIRD_PERSON_SUBJUNCTIVE = Pattern
		.compile("(?i)\\b(?:habe|hätten?|würden?|wäre|wären)\\b");

	private static final Pattern FIRST_PERSON = Pattern
		.compile("(?i)\\b(?:ich|wir|mir|mich|uns|unser\\w*|mein\\w*)\\b");

	private static final Set<String> PRONOUNS = Set.of("er", "sie", "es", "wir", "ich", "ihr", "man", "das", "dies",
			"der", "die", "dieser", "diese");

	// Sentence adverbs and possessives that open a sentence before the speaker ("Auch
	// Müller sagte: ...", "Ihr Fraktionsvorsitzender Klaus Oberdorfer sagte: ...") are
	// not part of the name.
	private static final Pattern LEADING_ADVERB = Pattern
		.compile("^(?:Auch|Doch|Aber|Und|Dann|Zudem|Später|Gestern|Heute|Nun|Jetzt|Dazu|Ihr|Ihre|Sein|Seine|Deren"
				+ "|Dessen)\\s+(?=\\p{Lu})");

	private static final int MIN_WORDS_WITH_SPEAKER = 4;

	// Short quotes without a speaker are mostly names ("AI for Good Global Summit") or
	// scare quotes.
	private static final int MIN_WORDS_WITHOUT_SPEAKER = 6;

	private static final int MAX_QUOTES = 5;

	private static final int ATTRIBUTION_WINDOW = 150;

	// The speaker follows the verb closely: "sagte Mexikos Trainer Miguel Herrera".
	private static final int SPEAKER_WINDOW = 60;

	private QuoteFinder() {
	}

	/** Quotes in marks only, with speakers as the text names them. */
	static List<Quote> find(String text) {
		return find(text, List.of(), List.of());
	}

	/**
	 * Returns at most five quotes in source order, preferring those with a known speaker.
	 * Besides quotes in marks, a sentence of direct speech without them ("Das ist ein
	 * toller Tag, sagte Direktorin Sibylle Günter.", as agency copy and web archives
	 * often have it) is a quote when it names one of the {@code people} as its speaker
	 * and is not reported speech. A speaker named by surname only gets the full name from
	 * {@code people} when that is unambiguous.
	 */
	static List<Quote> find(String text, List<String> sentences, List<String> people) {
		List<Found> found = new ArrayList<>();
		Matcher matcher = QUOTE.matcher(text);
		while (matcher.find()) {
			String quoted = firstNonNullGroup(matcher).strip();
			String speaker = fullName(speaker(text, matcher.start(), matcher.end()), people);
			int words = quoted.split("\\s+").length;
			boolean known = !speaker.isEmpty();
			boolean duplicate = found.stream().anyMatch((other) -> other.quote.text().equals(quoted));
			if (!duplicate && words >= (known ? MIN_WORDS_WITH_SPEAKER : MIN_WORDS_WITHOUT_SPEAKER)) {
				found.add(new Found(matcher.start(), new Quote(speaker, quoted)));
			}
		}
		int position = 0;
		for (String sentence : sentences) {
			position = Math.max(position, text.indexOf(sentence, position));
			Quote spoken = unmarkedSpeech(sentence, people);
			if (spoken != null && found.stream().noneMatch((other) -> other.quote.text().equals(spoken.text()))) {
				found.add(new Found(position, spoken));
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

	/**
	 * The direct speech of a sentence without quotation marks, attributed after it ("…,
	 * sagte Günter.", "…, so Niessl.") or before it ("Günter sagte: …"), or null.
	 */
	private static Quote unmarkedSpeech(String sentence, List<String> people) {
		if (people.isEmpty() || QUOTE_MARK.matcher(sentence).find()) {
			return null;
		}
		Matcher after = SPEECH_THEN_SPEAKER.matcher(sentence);
		Matcher before = SPEAKER_THEN_SPEECH.matcher(sentence);
		String said;
		String attribution;
		if (after.matches()) {
			said = after.group("said");
			attribution = after.group("attribution");
		}
		else if (before.matches()) {
			said = before.group("said");
			attribution = before.group("attribution");
		}
		else {
			return null;
		}
		String speaker = personIn(attribution, people);
		boolean reported = REPORTED_SPEECH.matcher(said).find()
				|| (THIRD_PERSON_SUBJUNCTIVE.matcher(said).find() && !FIRST_PERSON.matcher(said).find());
		boolean direct = said.split("\\s+").length >= MIN_WORDS_WITHOUT_SPEAKER && !reported
				&& Character.isUpperCase(said.codePointAt(0));
		return (speaker != null && direct) ? new Quote(speaker, said.strip().replaceFirst("[.!?]$", "")) : null;
	}

	/** The longest of the people whose name, or last name, the attribution contains. */
	private static String personIn(String attribution, List<String> people) {
		String near = attribution.substring(0, Math.min(attribution.length(), SPEAKER_WINDOW));
		List<String> words = List.of(near.split("[\\s,.;:]+"));
		return people.stream()
			.filter((person) -> near.contains(person) || words.contains(lastName(person)))
			.max(Comparator.comparingInt(String::length))
			.orElse(null);
	}

	private static String fullName(String speaker, List<String> people) {
		if (speaker.isEmpty() || speaker.contains(" ")) {
			return speaker;
		}
		List<String> named = people.stream().filter((person) -> lastName(person).equals(speaker)).toList();
		return named.size() == 1 ? named.get(0) : speaker;
	}

	private static String lastName(String person) {
		return person.substring(person.lastIndexOf(' ') + 1);
	}

	private record Found(int position, Quote quote) {
	}

}
