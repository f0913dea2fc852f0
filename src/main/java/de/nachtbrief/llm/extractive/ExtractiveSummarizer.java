package de.nachtbrief.llm.extractive;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.text.SentenceSplitter;

/**
 * The built-in summarizer that needs no model: it ranks the German sentences with
 * TextRank and copies the best ones, the figures, the quotes and the topic words verbatim
 * from the source, so it can never state a number, name or quote that is not in the text.
 * People, organisations and places stay empty: telling them apart needs a named-entity
 * model, and guessing from capital letters would mislabel every German noun. Expects text
 * already cleaned of web-page clutter ({@link de.nachtbrief.text.ClutterFilter}).
 * Stateless and thread-safe.
 */
public final class ExtractiveSummarizer {

	/** Key points in a brief unless asked otherwise. */
	public static final int DEFAULT_KEY_POINTS = 5;

	/** Sentences in the summary unless asked otherwise. */
	public static final int DEFAULT_SUMMARY_SENTENCES = 3;

	private static final int TOPIC_COUNT = 5;

	private static final int HEADLINE_LENGTH = 120;

	// Headings and fragments are too short to summarise anything; run-on sentences bury
	// their point.
	private static final int MIN_CANDIDATE_WORDS = 6;

	private static final int MAX_CANDIDATE_WORDS = 60;

	/**
	 * TextRank compares every pair of sentences, so its work and memory grow with the
	 * square of this.
	 */
	public static final int MAX_RANKED_SENTENCES = 2_000;

	private static final Pattern STATEMENT_END = Pattern.compile("[.!][“”\"«»)]*$");

	private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-–•*]|\\d{1,2}\\.)\\s+");

	/** A brief with the default numbers of key points and summary sentences. */
	public Brief summarize(String title, String text) {
		return summarize(title, text, DEFAULT_KEY_POINTS, DEFAULT_SUMMARY_SENTENCES);
	}

	/**
	 * Returns the extractive brief of {@code text}; {@code title} (may be blank or
	 * {@code null}) becomes the headline.
	 * @throws IllegalArgumentException if the text is blank or the counts are out of
	 * range
	 */
	public Brief summarize(String title, String text, int keyPointCount, int summarySentenceCount) {
		Objects.requireNonNull(text, "text");
		if (text.isBlank()) {
			throw new IllegalArgumentException("text must not be blank");
		}
		if (keyPointCount < 0) {
			throw new IllegalArgumentException("keyPointCount must not be negative, was " + keyPointCount);
		}
		if (summarySentenceCount < 1) {
			throw new IllegalArgumentException("summarySentenceCount must be at least 1, was " + summarySentenceCount);
		}
		List<String> sentences = SentenceSplitter.split(text)
			.stream()
			.limit(MAX_RANKED_SENTENCES)
			.map((sentence) -> LIST_MARKER.matcher(sentence).replaceFirst(""))
			.toList();
		if (sentences.isEmpty()) {
			throw new IllegalArgumentException("text must contain at least one sentence");
		}
		List<List<GermanTerms.Term>> terms = sentences.stream().map(GermanTerms::of).toList();
		double[] scores = TextRank.scores(terms.stream().map(ExtractiveSummarizer::stems).toList());
		List<Integer> ranked = IntStream.range(0, sentences.size())
			.boxed()
			.sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt((i) -> i))
			.toList();
		List<Integer> candidates = ranked.stream().filter((i) -> isCandidate(sentences.get(i))).toList();
		if (candidates.isEmpty()) {
			candidates = ranked;
		}
		int summaryEnd = Math.min(summarySentenceCount, candidates.size());
		int keyPointsEnd = Math.min(summaryEnd + keyPointCount, candidates.size());
		return new Brief(headline(title, sentences.get(0)),
				String.join(" ", inSourceOrder(candidates.subList(0, summaryEnd), sentences)),
				inSourceOrder(candidates.subList(summaryEnd, keyPointsEnd), sentences), List.of(), List.of(), List.of(),
				FigureFinder.find(ranked.stream().map(sentences::get).toList()), QuoteFinder.find(text),
				Topics.pick(terms, scores, TOPIC_COUNT));
	}

	private static List<String> stems(List<GermanTerms.Term> terms) {
		return terms.stream().map(GermanTerms.Term::stem).toList();
	}

	private static boolean isCandidate(String sentence) {
		int words = sentence.split("\\s+").length;
		return words >= MIN_CANDIDATE_WORDS && words <= MAX_CANDIDATE_WORDS && STATEMENT_END.matcher(sentence).find();
	}

	private static List<String> inSourceOrder(List<Integer> indexes, List<String> sentences) {
		return indexes.stream().sorted().map(sentences::get).collect(Collectors.toList());
	}

	private static String headline(String title, String firstSentence) {
		if (title != null && !title.isBlank()) {
			return title.strip();
		}
		if (firstSentence.length() <= HEADLINE_LENGTH) {
			return firstSentence;
		}
		int cut = firstSentence.lastIndexOf(' ', HEADLINE_LENGTH - 1);
		String shortened = firstSentence.substring(0, (cut > 0) ? cut : HEADLINE_LENGTH - 1);
		return shortened.replaceFirst("[\\s,;:–-]+$", "") + "…";
	}

}
