package de.nachtbrief.batch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.llm.extractive.ExtractiveSummarizer;
import de.nachtbrief.text.ClutterFilter;
import de.nachtbrief.text.SentenceSplitter;

/**
 * What issue 14 measured of the extractive briefs, over the corpus: names filled, quotes
 * with speakers, sentence units cut, headlines cut, figures, clutter, topics and length.
 * Each article is cleaned as a run cleans it and briefed with the default job's shape (5
 * key points, 4 summary sentences). Run with
 * {@code ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=de.nachtbrief.batch.ExtractiveQualityReport}.
 */
public final class ExtractiveQualityReport {

	// A unit that ends in an ordinal or abbreviation, where the source goes on.
	private static final Pattern CUT_END = Pattern
		.compile("(?:\\b\\d{1,2}\\.|\\b(?:Dr|Prof|bzw|ca|St|Nr|Mio|Mrd|Abs|vgl|z\\.\\s?B|u\\.\\s?a|Jh|Str)\\.)$");

	private static final Pattern CONTINUES = Pattern.compile("^\\s*(?:\\p{Ll}|\\d|(?:Januar|Jänner|Februar|März|April"
			+ "|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhunderts?|Minute|Platz|Runde)\\b)");

	private static final Pattern DATE = Pattern.compile("^(?:\\d{1,2}\\.\\s?\\p{L}+(?:\\s\\d{4})?|\\p{L}+\\s\\d{4}"
			+ "|\\d{1,2}\\.\\d{1,2}\\.\\d{4}|(?i:im Jahre?|seit|bis|ab|Ende|Anfang|Mitte) \\d{4})$");

	private static final Pattern AGENCY_TAG = Pattern.compile("\\((?:APA|AFP|dpa|Reuters|red|sda)\\b[^)]{0,30}\\)");

	private static final Pattern RESULTS = Pattern.compile("(?:^|[\\s:(])1\\.\\s+\\p{Lu}.{0,200}[\\s–-]2\\.\\s+\\p{Lu}"
			+ ".{0,200}[\\s–-]3\\.\\s+\\p{Lu}|Tore: .{0,100}\\(\\d+\\.\\)|Gold: ");

	private static final Pattern CREDIT = Pattern.compile("\\b(?:Foto|Bild|Fotos|Grafik|Video):\\s");

	private ExtractiveQualityReport() {
	}

	public static void main(String[] args) throws Exception {
		if (!BenchmarkCorpus.isReal()) {
			System.out.println("The report needs the corpus at " + BenchmarkCorpus.CSV.toAbsolutePath().normalize());
			return;
		}
		List<String> lines = Files.readAllLines(BenchmarkCorpus.CSV, StandardCharsets.UTF_8);
		ExtractiveSummarizer summarizer = new ExtractiveSummarizer();
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (String key : List.of("briefs", "with people, organisations or places", "with people", "quotes",
				"quotes with a speaker", "sentence units cut at an ordinal or abbreviation", "headlines cut with …",
				"figures", "figures that are bare dates", "figure contexts clipped with …", "with an agency tag",
				"with a tweet link", "with a result table", "with a Foto/Bild/Video credit", "topic fragments",
				"with one topic twice (Jahr, Jahre)",
				"longer than the source (summary, key points, quotes, figures)")) {
			counts.put(key, 0);
		}
		long started = System.nanoTime();
		for (String line : lines) {
			String source = ClutterFilter.clean(BenchmarkCorpus.text(line));
			Brief brief = summarizer.summarize(null, source, 5, 4);
			count(counts, "briefs", true);
			count(counts, "with people, organisations or places",
					!brief.people().isEmpty() || !brief.organisations().isEmpty() || !brief.places().isEmpty());
			count(counts, "with people", !brief.people().isEmpty());
			counts.merge("quotes", brief.quotes().size(), Integer::sum);
			counts.merge("quotes with a speaker",
					(int) brief.quotes().stream().filter((quote) -> !quote.speaker().isEmpty()).count(), Integer::sum);
			counts.merge("sentence units cut at an ordinal or abbreviation", cutUnits(brief, source), Integer::sum);
			count(counts, "headlines cut with …", brief.headline().endsWith("…"));
			counts.merge("figures", brief.figures().size(), Integer::sum);
			counts.merge("figures that are bare dates",
					(int) brief.figures().stream().filter((figure) -> DATE.matcher(figure.value()).matches()).count(),
					Integer::sum);
			counts.merge("figure contexts clipped with …",
					(int) brief.figures().stream().filter((figure) -> figure.context().contains("…")).count(),
					Integer::sum);
			String text = String.join(" ", brief.summary(), String.join(" ", brief.keyPoints()),
					String.join(" ", brief.quotes().stream().map(Brief.Quote::text).toList()));
			count(counts, "with an agency tag", AGENCY_TAG.matcher(text).find());
			count(counts, "with a tweet link", text.contains("pic.twitter.com") || text.contains("t.co/"));
			count(counts, "with a result table", RESULTS.matcher(text).find());
			count(counts, "with a Foto/Bild/Video credit", CREDIT.matcher(text).find());
			counts.merge("topic fragments", (int) brief.topics()
				.stream()
				.filter((topic) -> !Pattern.compile("(?<![\\p{L}\\p{N}-])" + Pattern.quote(topic) + "(?![\\p{L}-])")
					.matcher(source)
					.find())
				.count(), Integer::sum);
			Set<String> stems = new HashSet<>();
			count(counts, "with one topic twice (Jahr, Jahre)", !brief.topics()
				.stream()
				.allMatch((topic) -> stems.add(topic.toLowerCase(Locale.GERMAN).replaceFirst("(?:en|e|n|s|es)$", ""))));
			int body = brief.summary().length() + brief.keyPoints().stream().mapToInt(String::length).sum()
					+ brief.quotes().stream().mapToInt((quote) -> quote.text().length()).sum()
					+ brief.figures().stream().mapToInt((figure) -> figure.context().length()).sum();
			count(counts, "longer than the source (summary, key points, quotes, figures)", body > source.length());
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.println("Extractive briefs of " + BenchmarkCorpus.describe() + ", one thread, " + millis + " ms ("
				+ millis / Math.max(1, lines.size()) + " ms per article, the model's loading included):");
		System.out.println();
		System.out.println("| Measure | Count |");
		System.out.println("| --- | ---: |");
		counts.forEach((key, value) -> System.out.println("| " + key + " | " + value + " |"));
	}

	private static void count(Map<String, Integer> counts, String key, boolean yes) {
		if (yes) {
			counts.merge(key, 1, Integer::sum);
		}
	}

	/**
	 * Units (headline, key points, summary sentences) that end in an ordinal or an
	 * abbreviation where the source goes on with the same sentence.
	 */
	private static int cutUnits(Brief brief, String source) {
		int cut = 0;
		List<String> units = new ArrayList<>(SentenceSplitter.split(brief.summary()));
		units.add(brief.headline());
		units.addAll(brief.keyPoints());
		String flat = source.replaceAll("\\s+", " ");
		for (String unit : units) {
			if (!CUT_END.matcher(unit).find()) {
				continue;
			}
			int at = flat.indexOf(unit);
			Matcher next = CONTINUES.matcher(at < 0 ? "" : flat.substring(at + unit.length()));
			if (at >= 0 && next.find()) {
				cut++;
			}
		}
		return cut;
	}

}
