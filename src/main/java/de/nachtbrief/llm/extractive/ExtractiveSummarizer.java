package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.Brief.Figure;
import de.nachtbrief.brief.Brief.Quote;
import de.nachtbrief.text.SentenceSplitter;

/**
 * The built-in summarizer that needs no model: it ranks the German sentences with
 * TextRank and copies the best ones, the figures, the quotes and the topic words verbatim
 * from the source, so it can never state a number, name or quote that is not in the text.
 * People, organisations and places come from a named-entity model
 * ({@link NamedEntities}), since capital letters mark every German noun. Expects text
 * already cleaned of web-page clutter ({@link de.nachtbrief.text.ClutterFilter}).
 * Stateless and thread-safe.
 */
public final class ExtractiveSummarizer {

	/** Key points in a brief unless asked otherwise. */
	public static final int DEFAULT_KEY_POINTS = 5;

	/** Sentences in the summary unless asked otherwise. */
	public static final int DEFAULT_SUMMARY_SENTENCES = 3;

	private static final int TOPIC_COUNT = 5;

	private static final int HEADLINE_LENGTH = 140;

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

	private static final int MIN_HEADLINE_WORDS = 3;

	// A long opening sentence still makes a headline up to its first dash, colon or
	// semicolon ("Kairo – Frankreichs Präsident …" does not; "Streik legt Werke lahm: …"
	// does).
	private static final Pattern CLAUSE_BREAK = Pattern.compile("\\s[–—-]\\s|[:;]\\s");

	private static final Pattern COMMA = Pattern.compile(",\\s");

	private static final Pattern MARKDOWN_HEADING = Pattern.compile("^#{1,6}\\s+");

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
		Headline headline = headline(title, sentences);
		List<Integer> candidates = ranked.stream()
			.filter((i) -> i != headline.sentence() && isCandidate(sentences.get(i)))
			.toList();
		if (candidates.isEmpty()) {
			candidates = ranked.stream().filter((i) -> i != headline.sentence()).toList();
		}
		if (candidates.isEmpty()) {
			// A text of one sentence: it is the headline and the summary.
			candidates = ranked;
		}
		Selection selection = new Selection(terms, scores, candidates);
		List<Integer> summary = selection.summary(summarySentenceCount);
		List<Integer> keyPoints = selection.keyPoints(keyPointCount, sentences);
		NamedEntities.Found names = NamedEntities.in(text);
		List<String> summarySentences = inSourceOrder(summary, sentences);
		List<String> keyPointSentences = inSourceOrder(keyPoints, sentences);
		List<Quote> quotes = QuoteFinder.find(text, sentences, names.people());
		Brief brief = new Brief(headline.text(), String.join(" ", summarySentences), keyPointSentences, names.people(),
				names.organisations(), names.places(), FigureFinder.find(ranked.stream().map(sentences::get).toList()),
				quotes, Topics.pick(terms, scores, TOPIC_COUNT, firstNames(names.people())));
		return withinLength(brief, text.length());
	}

	/**
	 * A brief is read instead of its source, so its body is never longer: what goes first
	 * is a quote the summary or a key point already holds, then key points, then quotes,
	 * then figures, then summary sentences after the first, each from its least important
	 * end.
	 */
	static Brief withinLength(Brief brief, int sourceLength) {
		List<String> summary = new ArrayList<>(List.of(brief.summary()));
		List<String> keyPoints = new ArrayList<>(brief.keyPoints());
		List<Quote> quotes = new ArrayList<>(brief.quotes());
		List<Figure> figures = new ArrayList<>(brief.figures());
		List<Quote> repeated = new ArrayList<>(quotes.stream().filter((quote) -> isRepeated(quote, brief)).toList());
		while (bodyLength(String.join(" ", summary), keyPoints, quotes, figures) > sourceLength) {
			if (!repeated.isEmpty()) {
				quotes.remove(repeated.remove(repeated.size() - 1));
			}
			else if (!keyPoints.isEmpty()) {
				keyPoints.remove(keyPoints.size() - 1);
			}
			else if (!quotes.isEmpty()) {
				quotes.remove(quotes.size() - 1);
			}
			else if (!figures.isEmpty()) {
				figures.remove(figures.size() - 1);
			}
			else {
				if (summary.size() == 1) {
					summary = new ArrayList<>(SentenceSplitter.split(summary.get(0)));
				}
				if (summary.size() <= 1) {
					break;
				}
				summary.remove(summary.size() - 1);
			}
		}
		return new Brief(brief.headline(), String.join(" ", summary), keyPoints, brief.people(), brief.organisations(),
				brief.places(), figures, quotes, brief.topics());
	}

	private static boolean isRepeated(Quote quote, Brief brief) {
		return brief.summary().contains(quote.text())
				|| brief.keyPoints().stream().anyMatch((point) -> point.contains(quote.text()));
	}

	/**
	 * The characters of the brief's body: summary, key points, quotes and figure
	 * contexts. The headline is its label, often the source's own first line.
	 */
	static int length(Brief brief) {
		return bodyLength(brief.summary(), brief.keyPoints(), brief.quotes(), brief.figures());
	}

	private static int bodyLength(String summary, List<String> keyPoints, List<Quote> quotes, List<Figure> figures) {
		return summary.length() + keyPoints.stream().mapToInt(String::length).sum()
				+ quotes.stream().mapToInt((quote) -> quote.text().length()).sum()
				+ figures.stream().mapToInt((figure) -> figure.context().length()).sum();
	}

	private static Set<String> firstNames(List<String> people) {
		return people.stream()
			.map((person) -> person.split(" "))
			.filter((words) -> words.length > 1)
			.flatMap((words) -> Arrays.stream(words, 0, words.length - 1))
			.collect(Collectors.toSet());
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

	/**
	 * The headline: the title, else the opening sentence (web archives put the teaser
	 * first), else its first clause or an early sentence short enough, and only when none
	 * is, the opening sentence cut at a word. {@code sentence} is the sentence used
	 * whole, which the summary then leaves out, or -1.
	 */
	private static Headline headline(String title, List<String> sentences) {
		if (title != null && !title.isBlank()) {
			return new Headline(title.strip(), -1);
		}
		// A Markdown file's title line keeps its "#" when the file is read as text.
		String first = MARKDOWN_HEADING.matcher(sentences.get(0)).replaceFirst("");
		if (first.length() <= HEADLINE_LENGTH) {
			return new Headline(first, 0);
		}
		for (Pattern clauseBreak : List.of(CLAUSE_BREAK, COMMA)) {
			String clause = clauseBreak.split(first, 2)[0].strip();
			if (clause.length() <= HEADLINE_LENGTH && clause.split("\\s+").length >= MIN_HEADLINE_WORDS) {
				return new Headline(clause, -1);
			}
		}
		int cut = first.lastIndexOf(' ', HEADLINE_LENGTH - 1);
		String shortened = first.substring(0, (cut > 0) ? cut : HEADLINE_LENGTH - 1);
		return new Headline(shortened.replaceFirst("[\\s,;:–-]+$", "") + "…", -1);
	}

	private record Headline(String text, int sentence) {
	}

}
