package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Picks topic keywords: stems weighted by the TextRank scores of the sentences they occur
 * in, limited to words that appear capitalised inside a sentence (German nouns and
 * names), each shown in its most frequent capitalised spelling.
 */
final class Topics {

	private Topics() {
	}

	static List<String> pick(List<List<GermanTerms.Term>> sentences, double[] scores, int count) {
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
			String spelling = mostFrequent(spellings.get(stem));
			if (topics.stream().noneMatch((topic) -> sameWord(topic, spelling)) && topics.size() < count) {
				topics.add(spelling);
			}
		}
		return List.copyOf(topics);
	}

	private static boolean isKeywordCandidate(GermanTerms.Term term) {
		return term.stem().length() >= 2 && term.surface().codePoints().noneMatch(Character::isDigit)
				&& !term.surface().toLowerCase(Locale.GERMAN).equals(term.surface().toUpperCase(Locale.GERMAN));
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

	// Ties go to the spelling seen first; the map keeps encounter order.
	private static String mostFrequent(Map<String, Integer> spellings) {
		String best = null;
		for (Map.Entry<String, Integer> spelling : spellings.entrySet()) {
			if (best == null || spelling.getValue() > spellings.get(best)) {
				best = spelling.getKey();
			}
		}
		return best;
	}

}
