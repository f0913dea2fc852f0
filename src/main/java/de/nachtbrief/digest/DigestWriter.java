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
import de.nachtbrief.text.SentenceSplitter;

/**
 * Writes a run's digest per language ({@code digests/<date>-run-<id>.<language>.md} and
 * {@code .html}): an overview, then the run's stories ({@link Stories}) best first, each
 * linking to its briefs, then what could not be briefed. A large run's sections also get
 * pages of their own ({@code <date>-run-<id>.<language>.section-<n>.md}).
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

	/**
	 * Writes the digests and returns their paths relative to the output folder.
	 * @param leftAtBudget documents the run left for the next because it reached its
	 * budget; the digest says so at the top
	 */
	public List<String> writeDigests(String date, long run, List<String> languages, List<Entry> entries,
			List<RunReport.Failure> failures, int leftAtBudget) throws IOException {
		List<String> written = new ArrayList<>();
		for (String language : languages) {
			String base = "digests/" + date + "-run-" + run + "." + language;
			Rendered digest = render(date, run, language, entries, failures, leftAtBudget);
			String title = "Nachtbrief " + Labels.of(language).digest() + " " + date;
			write(base, title, language, digest.main(), written);
			for (Map.Entry<String, String> page : digest.sectionPages().entrySet()) {
				write(base + "." + page.getKey(), title, language, page.getValue(), written);
			}
		}
		return written;
	}

	private void write(String base, String title, String language, String markdown, List<String> written)
			throws IOException {
		AtomicFiles.write(this.outputFolder.resolve(base + ".md"), markdown);
		written.add(base + ".md");
		if (this.formats.contains(OutputFormat.HTML)) {
			AtomicFiles.write(this.outputFolder.resolve(base + ".html"),
					Markdown.toHtmlPage(title, language, markdown.replace(".md)", ".html)")));
			written.add(base + ".html");
		}
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

	/**
	 * A digest in one language: its main page, and for a large run one page per section
	 * by the suffix of its file name ({@code section-1}, …).
	 */
	record Rendered(String main, Map<String, String> sectionPages) {
	}

	/**
	 * The digest: counts and notes said once at the top, then the stories best first. A
	 * small run lists every story in full. A large one gives the top
	 * {@value #TOP_STORIES} with their leads, a table of contents, and per section its
	 * first {@value #SECTION_PREVIEW} stories as headlines, with the whole section on a
	 * page of its own.
	 */
	static Rendered render(String date, long run, String language, List<Entry> entries,
			List<RunReport.Failure> failures, int leftAtBudget) {
		Labels labels = Labels.of(language);
		DigestLabels words = DigestLabels.of(language);
		List<Stories.Story> stories = Stories.of(entries, language);
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
		long told = stories.stream().filter((story) -> story.sources().size() > 1).count();
		if (told > 0) {
			out.append(words.told().formatted(told)).append("\n\n");
		}
		if (leftAtBudget > 0) {
			out.append("> ").append(labels.budgetReached().formatted(leftAtBudget)).append("\n\n");
		}
		notesOnce(out, entries, language);
		Map<String, Integer> topics = topTopics(entries, language);
		if (!topics.isEmpty()) {
			out.append("**")
				.append(labels.topics())
				.append(":** ")
				.append(Markdown.escape(String.join(", ", topics.keySet())))
				.append("\n\n");
		}
		Map<String, String> sectionPages = new LinkedHashMap<>();
		if (stories.size() <= SMALL_DIGEST) {
			stories.forEach((story) -> fullEntry(out, "## ", story, language));
		}
		else {
			out.append("## ").append(words.topStories()).append("\n\n");
			stories.subList(0, TOP_STORIES).forEach((story) -> topStory(out, story, language));
			List<Stories.Section> sections = Stories.sections(stories.subList(TOP_STORIES, stories.size()), language);
			out.append("## ").append(words.contents()).append("\n\n");
			for (Stories.Section section : sections) {
				String name = sectionName(section, words);
				out.append("- [")
					.append(Markdown.escape(name))
					.append("](#")
					.append(Markdown.anchor(name))
					.append(") · ")
					.append(section.stories().size())
					.append('\n');
			}
			out.append('\n');
			String base = date + "-run-" + run + "." + language;
			for (int i = 0; i < sections.size(); i++) {
				Stories.Section section = sections.get(i);
				String name = sectionName(section, words);
				out.append("## ").append(Markdown.escape(name)).append("\n\n");
				section.stories()
					.stream()
					.limit(SECTION_PREVIEW)
					.forEach((story) -> compactEntry(out, story, language));
				out.append('\n');
				if (section.stories().size() > SECTION_PREVIEW) {
					String suffix = "section-" + (i + 1);
					out.append("[")
						.append(Markdown.escape(words.allInSection().formatted(section.stories().size(), name)))
						.append("](")
						.append(base)
						.append('.')
						.append(suffix)
						.append(".md)\n\n");
					StringBuilder page = new StringBuilder();
					page.append("# ")
						.append(Markdown.escape(name))
						.append(" · Nachtbrief ")
						.append(labels.digest())
						.append(" · ")
						.append(date)
						.append(" · run ")
						.append(run)
						.append("\n\n[← ")
						.append(labels.digest())
						.append("](")
						.append(base)
						.append(".md)\n\n");
					section.stories().forEach((story) -> fullEntry(page, "## ", story, language));
					sectionPages.put(suffix, page.toString());
				}
			}
		}
		if (!failures.isEmpty()) {
			out.append("## ").append(labels.failed()).append("\n\n");
			failures.forEach((failure) -> out.append("- `")
				.append(FileNames.shown(failure.file()).replace("`", "'"))
				.append("`: ")
				.append(Markdown.escape(failure.reason()))
				.append('\n'));
		}
		return new Rendered(out.toString(), sectionPages);
	}

	/** Up to this many stories, a digest lists them all in full, without sections. */
	static final int SMALL_DIGEST = 12;

	static final int TOP_STORIES = 5;

	static final int SECTION_PREVIEW = 8;

	private static final int KEY_POINTS_IN_DIGEST = 3;

	private static String sectionName(Stories.Section section, DigestLabels words) {
		return section.name() != null ? section.name() : words.moreStories();
	}

	/**
	 * Notes that would repeat under every brief ("This brief is in German: translation
	 * needs a model backend") are said once, with how many briefs they concern.
	 */
	private static void notesOnce(StringBuilder out, List<Entry> entries, String language) {
		Map<String, Integer> notes = new LinkedHashMap<>();
		for (Entry entry : entries) {
			LocalizedBrief localized = entry.document().briefs().get(language);
			if (localized != null && !localized.writtenIn().equals(language) && !localized.notes().isEmpty()) {
				notes.merge(localized.notes().get(localized.notes().size() - 1), 1, Integer::sum);
			}
		}
		notes.forEach((note,
				count) -> out.append("> ").append(Markdown.escape(note)).append(" (").append(count).append(")\n\n"));
	}

	private static void fullEntry(StringBuilder out, String heading, Stories.Story story, String language) {
		Brief brief = Stories.brief(story.lead(), language);
		out.append(heading).append(headlineLink(story, language)).append("\n\n");
		sources(out, story, language);
		out.append("\n\n").append(Markdown.escape(brief.summary())).append("\n\n");
		brief.keyPoints()
			.stream()
			.limit(KEY_POINTS_IN_DIGEST)
			.forEach((point) -> out.append("- ").append(Markdown.escape(point)).append('\n'));
		out.append('\n');
	}

	/**
	 * A top story of a large run: its headline, then in one line the summary's first
	 * sentence that the headline does not already say and the sources, so that all of
	 * them fit the first screen; the brief has the rest.
	 */
	private static void topStory(StringBuilder out, Stories.Story story, String language) {
		Brief brief = Stories.brief(story.lead(), language);
		out.append("### ").append(headlineLink(story, language)).append("\n\n");
		String cutHeadline = brief.headline().replaceFirst("…$", "");
		SentenceSplitter.split(brief.summary())
			.stream()
			.filter((sentence) -> !sentence.startsWith(cutHeadline))
			.findFirst()
			.ifPresent((lead) -> out.append(Markdown.escape(lead)).append(" · "));
		sources(out, story, language);
		out.append("\n\n");
	}

	private static void compactEntry(StringBuilder out, Stories.Story story, String language) {
		out.append("- ").append(headlineLink(story, language)).append(" · ");
		sources(out, story, language);
		out.append('\n');
	}

	/** The story's headline linked to its lead brief. */
	private static String headlineLink(Stories.Story story, String language) {
		Brief brief = Stories.brief(story.lead(), language);
		return "[" + Markdown.escape(brief.headline()) + "](" + link(story.lead(), language) + ")";
	}

	/**
	 * The lead source, every other source of the story linked, and what the check took
	 * out.
	 */
	private static void sources(StringBuilder out, Stories.Story story, String language) {
		Entry lead = story.lead();
		out.append('_').append(Markdown.escape(FileNames.shown(lead.document().source().file()))).append('_');
		List<Entry> others = story.sources().subList(1, story.sources().size());
		if (!others.isEmpty()) {
			out.append(" · ").append(DigestLabels.of(language).alsoIn()).append(": ");
			for (int i = 0; i < others.size(); i++) {
				out.append(i > 0 ? ", " : "")
					.append('[')
					.append(Markdown.escape(FileNames.shown(others.get(i).document().source().file())))
					.append("](")
					.append(link(others.get(i), language))
					.append(')');
			}
		}
		int takenOut = story.sources()
			.stream()
			.mapToInt((entry) -> BriefFiles.takenOut(entry.document(), language).size())
			.sum();
		if (takenOut > 0) {
			out.append(" · ").append(Labels.of(language).takenOut()).append(": ").append(takenOut);
		}
	}

	private static String link(Entry entry, String language) {
		return "../" + entry.briefPath().replaceAll("\\.json$", "." + language + ".md");
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
