package de.nachtbrief.llm.extractive;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TextRank for sentence extraction (Mihalcea and Tarau 2004): sentences are nodes, edges
 * are weighted by shared stems normalised by the logarithms of the sentence lengths, and
 * weighted PageRank scores the nodes.
 */
final class TextRank {

	private static final double DAMPING = 0.85;

	private static final double CONVERGENCE = 1e-6;

	private static final int MAX_ITERATIONS = 200;

	private TextRank() {
	}

	/** Returns one score per sentence, each sentence given as its list of stems. */
	static double[] scores(List<List<String>> sentences) {
		int count = sentences.size();
		double[][] weights = new double[count][count];
		double[] outgoing = new double[count];
		for (int i = 0; i < count; i++) {
			for (int j = i + 1; j < count; j++) {
				double weight = similarity(sentences.get(i), sentences.get(j));
				weights[i][j] = weight;
				weights[j][i] = weight;
				outgoing[i] += weight;
				outgoing[j] += weight;
			}
		}
		double[] scores = new double[count];
		Arrays.fill(scores, 1.0);
		for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
			double[] next = new double[count];
			double change = 0;
			for (int i = 0; i < count; i++) {
				double incoming = 0;
				for (int j = 0; j < count; j++) {
					if (weights[j][i] > 0) {
						incoming += weights[j][i] / outgoing[j] * scores[j];
					}
				}
				next[i] = (1 - DAMPING) + DAMPING * incoming;
				change = Math.max(change, Math.abs(next[i] - scores[i]));
			}
			scores = next;
			if (change < CONVERGENCE) {
				break;
			}
		}
		return scores;
	}

	static double similarity(List<String> first, List<String> second) {
		Set<String> shared = new HashSet<>(first);
		shared.retainAll(new HashSet<>(second));
		if (shared.isEmpty()) {
			return 0;
		}
		// Two one-word sentences would divide by log(1) + log(1) = 0.
		double lengths = Math.log(first.size()) + Math.log(second.size());
		return shared.size() / Math.max(lengths, 1.0);
	}

}
