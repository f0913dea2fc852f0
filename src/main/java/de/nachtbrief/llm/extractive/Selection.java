package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Chooses the sentences of an extractive brief. The summary opens with the lead, the
 * first sentence that says something, as a news article puts its story there. After it,
 * each pick is the sentence with the best TextRank score less how much it repeats what is
 * already chosen (maximal marginal relevance, Carbonell and Goldstein 1998), so the brief
 * covers the story instead of its central sentence five times. Key points prefer
 * sentences that stand alone, not ones opening with "Dort", "Er" or "Dabei", which only
 * make sense after the sentence before them.
 */
final class Selection {

	// How much repeating chosen words costs against a sentence's centrality (both 0..1).
	private static final double REDUNDANCY_WEIGHT = 1.0;

	// A sentence most of whose words a chosen one has says the same again (agency copy
	// repeats its lead): it is chosen only when nothing else is left.
	private static final double NEAR_DUPLICATE = 0.6;

	private static final Set<String> LEANING_OPENERS = Set.of("dort", "dabei", "damit", "dadurch", "dafür", "dagegen",
			"daher", "darauf", "daraufhin", "darüber", "davon", "dazu", "deshalb", "deswegen", "dennoch", "trotzdem",
			"allerdings", "außerdem", "zudem", "auch", "doch", "aber", "und", "dann", "danach", "zuvor", "hier", "er",
			"sie", "es", "ihr", "ihm", "ihn", "ihre", "sein", "seine", "dies", "diese", "dieser", "dieses", "so",
			"denn", "jedoch", "ebenso", "ebenfalls", "stattdessen", "inzwischen", "somit");

	private final List<Set<String>> stems;

	private final double[] centrality;

	private final List<Integer> candidates;

	private final List<Integer> chosen = new ArrayList<>();

	/**
	 * @param candidates the sentences that may be chosen, best TextRank score first
	 */
	Selection(List<List<GermanTerms.Term>> terms, double[] scores, List<Integer> candidates) {
		this.stems = terms.stream().map((sentence) -> {
			Set<String> set = new HashSet<>();
			sentence.forEach((term) -> set.add(term.stem()));
			return set;
		}).toList();
		double best = candidates.stream().mapToDouble((i) -> scores[i]).max().orElse(1);
		this.centrality = new double[scores.length];
		for (int i = 0; i < scores.length; i++) {
			this.centrality[i] = (best > 0) ? scores[i] / best : 0;
		}
		this.candidates = candidates;
	}

	/** The lead and then the most central sentences that add something, by index. */
	List<Integer> summary(int count) {
		List<Integer> picked = new ArrayList<>();
		this.candidates.stream().mapToInt(Integer::intValue).min().ifPresent((lead) -> {
			this.chosen.add(lead);
			picked.add(lead);
		});
		picked.addAll(pick(count - picked.size(), (i) -> redundancy(i) < NEAR_DUPLICATE));
		picked.addAll(pick(count - picked.size(), (i) -> true));
		return picked;
	}

	/**
	 * Sentences after the summary's, those that stand alone first, by index; call
	 * {@link #summary} first.
	 */
	List<Integer> keyPoints(int count, List<String> sentences) {
		List<Integer> picked = new ArrayList<>(
				pick(count, (i) -> standsAlone(sentences.get(i)) && redundancy(i) < NEAR_DUPLICATE));
		picked.addAll(pick(count - picked.size(), (i) -> redundancy(i) < NEAR_DUPLICATE));
		picked.addAll(pick(count - picked.size(), (i) -> true));
		return picked;
	}

	private List<Integer> pick(int count, IntPredicate allowed) {
		List<Integer> picked = new ArrayList<>();
		while (picked.size() < count) {
			int best = -1;
			double bestValue = Double.NEGATIVE_INFINITY;
			for (int i : this.candidates) {
				if (this.chosen.contains(i) || !allowed.test(i)) {
					continue;
				}
				double value = this.centrality[i] - REDUNDANCY_WEIGHT * redundancy(i);
				if (value > bestValue) {
					best = i;
					bestValue = value;
				}
			}
			if (best < 0) {
				break;
			}
			this.chosen.add(best);
			picked.add(best);
		}
		return picked;
	}

	/** The largest share of this sentence's words that a chosen one already has. */
	private double redundancy(int sentence) {
		Set<String> words = this.stems.get(sentence);
		if (words.isEmpty()) {
			return 0;
		}
		double most = 0;
		for (int other : this.chosen) {
			long shared = words.stream().filter(this.stems.get(other)::contains).count();
			most = Math.max(most, (double) shared / words.size());
		}
		return most;
	}

	static boolean standsAlone(String sentence) {
		String opener = sentence.strip().split("[\\s,]+", 2)[0].toLowerCase(Locale.GERMAN);
		return !LEANING_OPENERS.contains(opener);
	}

}
