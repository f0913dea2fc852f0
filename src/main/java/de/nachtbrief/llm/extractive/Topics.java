package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks topic keywords: stems weighted by the TextRank scores of the sentences they occur
 * in, limited to words that appear capitalised inside a sentence (German nouns and
 * names), each shown in its most frequent capitalised spelling.
 */
final class Topics {

	/**
	 * Nouns that most articles use and none is about: units, amounts, time words. As
	 * stems of {@link GermanTerms}, so every inflected form is covered.
	 */
	private static final Set<String> GENERIC_STEMS = stems("Prozent", "Prozentpunkte", "Euro", "Dollar", "Franken",
			"Cent", "Million", "Millionen", "Milliarde", "Milliarden", "Tausend", "Jahr", "Jahre", "Jahren", "Jahres",
			"Monat", "Monate", "Woche", "Wochen", "Tag", "Tage", "Tagen", "Stunde", "Stunden", "Minute", "Minuten",
			"Uhr", "Mal", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag", "Ende",
			"Anfang", "Mitte", "Zeit", "Teil", "Seite", "Zahl", "Frage", "Fall", "Fälle", "Beispiel", "Art", "Weise",
			"Menschen", "Leute", "Mann", "Frau", "Leben", "Grund", "Angaben", "Bericht", "Berichten", "The", "Januar",
			"Jänner", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
			"Dezember");

	private Topics() {
	}

	/**
	 * The {@code count} best topics, none of them one of the {@code firstNames} (a person
	 * is named in the brief's people, and "Tobias" is no topic).
	 */
	static List<String> pick(List<List<GermanTerms.Term>> sentences, double[] scores, int count,
			Set<String> firstNames) {
		Map<String, Double> weights = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> spellings = new HashMap<>();
		for (int i = 0; i < sentences.size(); i++) {
			for (GermanTerms.Term term : sentences.get(i)) {
				if (isKeywordCandidate(term)) {
					weights.merge(term.stem(), scores[i], Double::sum);
					if (term.isCapitalisedNoun()) {
						spellings.computeIfAbsent(term.stem(), (stem) -> new LinkedHashMap<>())
							.merge(term.surface(), 1, Integer::sum);
					}
				}
			}
		}
		List<String> stems = new ArrayList<>(weights.keySet());
		stems.removeIf((stem) -> !spellings.containsKey(stem));
		stems.sort(Comparator.comparing(weights::get, Comparator.reverseOrder()));
		Set<String> topics = new LinkedHashSet<>();
		for (String stem : stems) {
			String spelling = baseForm(spellings.get(stem));
			if (topics.stream().noneMatch((topic) -> sameWord(topic, spelling)) && topics.size() < count
					&& !firstNames.contains(spelling)) {
				topics.add(spelling);
			}
		}
		return List.copyOf(topics);
	}

	private static boolean isKeywordCandidate(GermanTerms.Term term) {
		return term.stem().length() >= 2 && !term.inCompound() && !GENERIC_STEMS.contains(term.stem())
				&& term.surface().codePoints().noneMatch(Character::isDigit)
				&& !term.surface().toLowerCase(Locale.GERMAN).equals(term.surface().toUpperCase(Locale.GERMAN));
	}

	private static Set<String> stems(String... words) {
		return Arrays.stream(words)
			.flatMap((word) -> GermanTerms.of(word).stream())
			.map(GermanTerms.Term::stem)
			.collect(Collectors.toUnmodifiableSet());
	}

	// The light stemmer keeps the genitive s of names ("OpenAIs", "Altman’s"), which
	// would list a name twice.
	private static boolean sameWord(String first, String second) {
		return withoutGenitive(first).equals(withoutGenitive(second));
	}

	private static String withoutGenitive(String word) {
		String lower = word.toLowerCase(Locale.GERMAN);
		String stripped = lower.replaceFirst("(?:['’]s|s)$", "");
		return (stripped.length() >= 3) ? stripped : lower;
	}

	// The shortest spelling is the base form ("Jahr" of "Jahre", "Jahren"); ties go to
	// the most frequent, then to the one seen first (the map keeps encounter order).
	private static String baseForm(Map<String, Integer> spellings) {
		String best = null;
		for (Map.Entry<String, Integer> spelling : spellings.entrySet()) {
			String word = spelling.getKey();
			if (best == null || word.length() < best.length()
					|| (word.length() == best.length() && spelling.getValue() > spellings.get(best))) {
				best = word;
			}
		}
		return best;
	}

}
