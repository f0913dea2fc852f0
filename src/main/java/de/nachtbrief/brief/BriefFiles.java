package de.nachtbrief.brief;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import de.nachtbrief.definition.OutputFormat;
import de.nachtbrief.ingest.FileNames;

/**
 * Writes and reads the files of one brief under {@code briefs/<date>/}:
 * {@code <slug>.json} always, plus {@code <slug>.<language>.md} and {@code .html} per
 * language when the job asks for them. Every file is written atomically, and the same
 * document always gets the same names, so writing again replaces, never duplicates.
 */
public class BriefFiles {

	private static final ObjectMapper json = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Path outputFolder;

	private final Set<OutputFormat> formats;

	public BriefFiles(Path outputFolder, List<OutputFormat> formats) {
		this.outputFolder = outputFolder;
		this.formats = Set.copyOf(formats);
	}

	/**
	 * Writes the brief's files and returns the JSON file's path relative to the output
	 * folder.
	 */
	public String write(String date, BriefDocument brief) throws IOException {
		String base = "briefs/" + date + "/" + slug(brief.source().file(), brief.source().sha256());
		for (LocalizedBrief localized : brief.briefs().values()) {
			String markdown = render(brief, localized);
			if (this.formats.contains(OutputFormat.MARKDOWN)) {
				AtomicFiles.write(this.outputFolder.resolve(base + "." + localized.language() + ".md"), markdown);
			}
			if (this.formats.contains(OutputFormat.HTML)) {
				AtomicFiles.write(this.outputFolder.resolve(base + "." + localized.language() + ".html"),
						Markdown.toHtmlPage(localized.brief().headline(), localized.language(), markdown));
			}
		}
		// The JSON goes last: once it exists, the brief is complete.
		AtomicFiles.write(this.outputFolder.resolve(base + ".json"), json.writeValueAsString(brief));
		return base + ".json";
	}

	public BriefDocument read(String relativePath) throws IOException {
		return json.readValue(Files.readString(this.outputFolder.resolve(relativePath)), BriefDocument.class);
	}

	static String render(BriefDocument document, LocalizedBrief localized) {
		Labels labels = Labels.of(localized.language());
		Brief brief = localized.brief();
		StringBuilder out = new StringBuilder();
		out.append("# ").append(Markdown.escape(brief.headline())).append("\n\n");
		localized.notes().forEach((note) -> out.append("> ").append(Markdown.escape(note)).append("\n>\n"));
		if (!localized.notes().isEmpty()) {
			out.setLength(out.length() - 2);
			out.append('\n');
		}
		BriefDocument.Source source = document.source();
		List<String> about = new ArrayList<>(List.of("`" + FileNames.shown(source.file()).replace("`", "'") + "`"));
		for (String value : new String[] { source.title(), source.author(), source.date() }) {
			if (value != null && !value.isBlank()) {
				about.add(Markdown.escape(value));
			}
		}
		out.append("**").append(labels.source()).append(":** ").append(String.join(" · ", about)).append("\n\n");
		out.append(Markdown.escape(brief.summary())).append("\n\n");
		Markdown.bullets(out, labels.keyPoints(), brief.keyPoints());
		Markdown.bullets(out, labels.figures(),
				brief.figures().stream().map((figure) -> figure.value() + " — " + figure.context()).toList());
		if (!brief.quotes().isEmpty()) {
			out.append("## ").append(labels.quotes()).append("\n\n");
			for (Brief.Quote quote : brief.quotes()) {
				out.append("> „").append(Markdown.escape(quote.text())).append("“");
				out.append(quote.speaker().isBlank() ? "" : " — " + Markdown.escape(quote.speaker())).append("\n\n");
			}
		}
		Markdown.bullets(out, labels.people(), brief.people());
		Markdown.bullets(out, labels.organisations(), brief.organisations());
		Markdown.bullets(out, labels.places(), brief.places());
		if (!brief.topics().isEmpty()) {
			out.append("**")
				.append(labels.topics())
				.append(":** ")
				.append(Markdown.escape(String.join(", ", brief.topics())))
				.append("\n\n");
		}
		checked(out, document, localized, labels);
		if (localized.glossary() != null) {
			out.append("**")
				.append(labels.glossary())
				.append(":** ")
				.append(Markdown.escape(labels.glossaryUseOf(localized.glossary())))
				.append("\n\n");
		}
		out.append("---\n\n_")
			.append(document.backends().summarize().backend())
			.append(" (")
			.append(document.backends().summarize().model())
			.append(") · ")
			.append(document.usage().inputTokens() + document.usage().outputTokens())
			.append(" tokens · run ")
			.append(document.run())
			.append("_\n");
		return out.toString();
	}

	/**
	 * What the grounding check held to the source and, when it took something out of this
	 * language's brief (or of the brief it was translated from), what. Extracted briefs
	 * are the source's own sentences and need no such line.
	 */
	private static void checked(StringBuilder out, BriefDocument document, LocalizedBrief localized, Labels labels) {
		if (document.backends().summarize().backend().equals("extractive")) {
			return;
		}
		out.append("**").append(labels.checked()).append(":**");
		List<String> removed = takenOut(document, localized.language());
		if (removed.isEmpty()) {
			out.append(" ✓\n\n");
			return;
		}
		out.append("\n\n");
		Markdown.bullets(out, labels.takenOut(), removed);
	}

	/**
	 * What the check took out of a language's brief: its own removals (recorded as
	 * "language: ...") and those recorded without a language, which concern every
	 * language: the facts (names, quotes), or the source-language brief a translation was
	 * made from.
	 */
	public static List<String> takenOut(BriefDocument document, String language) {
		String own = language + ": ";
		return document.removedByCheck()
			.stream()
			.filter((item) -> item.startsWith(own) || !item.matches("^[a-z]{2}(-[A-Za-z]+)?: .*"))
			.map((item) -> item.startsWith(own) ? item.substring(own.length()) : item)
			.toList();
	}

	/**
	 * A file-system-safe, readable name that stays the same for the same file and
	 * content.
	 */
	static String slug(String file, String sha256) {
		String name = Path.of(file).getFileName().toString();
		int dot = name.lastIndexOf('.');
		String stem = dot > 0 ? name.substring(0, dot) : name;
		String ascii = Normalizer.normalize(stem.replace("ß", "ss"), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-+|-+$)", "");
		if (ascii.length() > 60) {
			ascii = ascii.substring(0, 60).replaceAll("-+$", "");
		}
		return (ascii.isEmpty() ? "document" : ascii) + "-" + sha256.substring(0, 8);
	}

}
