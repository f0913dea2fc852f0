package de.nachtbrief.digest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import de.nachtbrief.brief.AtomicFiles;
import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.Labels;
import de.nachtbrief.brief.LocalizedBrief;
import de.nachtbrief.brief.Markdown;
import de.nachtbrief.definition.OutputFormat;
import de.nachtbrief.ingest.FileNames;

/**
 * Writes a run's digest per language ({@code digests/<date>-run-<id>.<language>.md} and
 * {@code .html}): an overview, then each new brief's headline, summary and key points
 * linking to its files, then what could not be briefed.
 */
public class DigestWriter {

	private static final ObjectMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Path outputFolder;

	private final Set<OutputFormat> formats;

	public DigestWriter(Path outputFolder, List<OutputFormat> formats) {
		this.outputFolder = outputFolder;
		this.formats = Set.copyOf(formats);
	}

	/**
	 * A brief of this run and where its JSON file lies, relative to the output folder.
	 */
	public record Entry(String briefPath, BriefDocument document) {
	}

	/** Writes the digests and returns their paths relative to the output folder. */
	/**
	 * @param leftAtBudget documents the run left for the next because it reached its
	 * budget; the digest says so at the top
	 */
	public List<String> writeDigests(String date, long run, List<String> languages, List<Entry> entries,
			List<RunReport.Failure> failures, int leftAtBudget) throws IOException {
		List<String> written = new ArrayList<>();
		for (String language : languages) {
			String base = "digests/" + date + "-run-" + run + "." + language;
			String markdown = render(date, run, language, entries, failures, leftAtBudget);
			AtomicFiles.write(this.outputFolder.resolve(base + ".md"), markdown);
			written.add(base + ".md");
			if (this.formats.contains(OutputFormat.HTML)) {
				String title = "Nachtbrief " + Labels.of(language).digest() + " " + date;
				AtomicFiles.write(this.outputFolder.resolve(base + ".html"),
						Markdown.toHtmlPage(title, language, markdown.replace(".md)", ".html)")));
				written.add(base + ".html");
			}
		}
		return written;
	}

	public String writeReport(RunReport report) throws IOException {
		String path = reportPath(report.run());
		AtomicFiles.write(this.outputFolder.resolve(path), json.writeValueAsString(report));
		return path;
	}

	/** The report the digest step wrote, for the deliver step to complete. */
	public RunReport readReport(long run) throws IOException {
		return json.readValue(this.outputFolder.resolve(reportPath(run)).toFile(), RunReport.class);
	}

	private static String reportPath(long run) {
		return "runs/run-" + run + ".json";
	}

	static String render(String date, long run, String language, List<Entry> entries, List<RunReport.Failure> failures,
			int leftAtBudget) {
		Labels labels = Labels.of(language);
		StringBuilder out = new StringBuilder();
		out.append("# Nachtbrief ")
			.append(labels.digest())
			.append(" · ")
			.append(date)
			.append(" · run ")
			.append(run)
			.append("\n\n");
		out.append("**").append(entries.size()).append("** ").append(labels.newBriefs());
		if (!failures.isEmpty()) {
			out.append(" · **").append(failures.size()).append("** ").append(labels.failed().toLowerCase());
		}
		out.append("\n\n");
		if (leftAtBudget > 0) {
			out.append("> ").append(labels.budgetReached().formatted(leftAtBudget)).append("\n\n");
		}
		Map<String, Integer> topics = topTopics(entries, language);
		if (!topics.isEmpty()) {
			out.append("**")
				.append(labels.topics())
				.append(":** ")
				.append(Markdown.escape(String.join(", ", topics.keySet())))
				.append("\n\n");
		}
		for (Entry entry : entries) {
			LocalizedBrief localized = entry.document().briefs().get(language);
			if (localized == null) {
				continue;
			}
			Brief brief = localized.brief();
			String link = "../" + entry.briefPath().replaceAll("\\.json$", "." + language + ".md");
			out.append("## [").append(Markdown.escape(brief.headline())).append("](").append(link).append(")\n\n");
			out.append("_").append(Markdown.escape(FileNames.shown(entry.document().source().file()))).append("_");
			int takenOut = BriefFiles.takenOut(entry.document(), language).size();
			if (takenOut > 0) {
				out.append(" · ").append(labels.takenOut()).append(": ").append(takenOut);
			}
			if (!localized.writtenIn().equals(language)) {
				out.append(" · ").append(Markdown.escape(localized.notes().get(localized.notes().size() - 1)));
			}
			out.append("\n\n").append(Markdown.escape(brief.summary())).append("\n\n");
			brief.keyPoints().forEach((point) -> out.append("- ").append(Markdown.escape(point)).append('\n'));
			out.append('\n');
		}
		if (!failures.isEmpty()) {
			out.append("## ").append(labels.failed()).append("\n\n");
			failures.forEach((failure) -> out.append("- `")
				.append(FileNames.shown(failure.file()).replace("`", "'"))
				.append("`: ")
				.append(Markdown.escape(failure.reason()))
				.append('\n'));
		}
		return out.toString();
	}

	private static Map<String, Integer> topTopics(List<Entry> entries, String language) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Entry entry : entries) {
			LocalizedBrief localized = entry.document().briefs().get(language);
			if (localized != null) {
				localized.brief().topics().forEach((topic) -> counts.merge(topic, 1, Integer::sum));
			}
		}
		Map<String, Integer> top = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
			.limit(8)
			.forEach((entry) -> top.put(entry.getKey(), entry.getValue()));
		return top;
	}

}
