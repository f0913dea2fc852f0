package de.nachtbrief.brief;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import de.nachtbrief.Hashes;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.llm.Prompt;

/**
 * A job's glossary: German terms with their English and Chinese renderings, and terms
 * kept as written (names of companies and products). It goes into the instructions of
 * every call that writes a brief, so the static part of the prompt stays the same for the
 * whole job; it grounds the names it renders (a Chinese name from the glossary needs no
 * original beside it); and each brief reports which entries for terms in its source it
 * used and which it missed.
 * <p>
 * The file is CSV with the header {@code de,en,zh}; an empty rendering or {@code =} keeps
 * the German term as written, and lines starting with {@code #} are comments.
 */
public record Glossary(List<Entry> entries) {

	public static final Glossary NONE = new Glossary(List.of());

	/** Each glossary file as last read, with the modification it was read at. */
	private static final Map<String, Read> READ = new ConcurrentHashMap<>();

	private record Read(String modified, Glossary glossary) {
	}

	/** A German term and how each language writes it; null where it keeps the term. */
	public record Entry(String term, String english, String chinese) {

		/**
		 * How {@code language} writes the term, or null when it has no rendering for it.
		 */
		String in(String language) {
			return switch (language) {
				case "de" -> this.term;
				case "en" -> (this.english != null) ? this.english : this.term;
				case "zh" -> (this.chinese != null) ? this.chinese : this.term;
				case "zh-Hant" -> (this.chinese != null) ? LanguageCheck.toTraditional(this.chinese) : this.term;
				default -> (this.english == null && this.chinese == null) ? this.term : null;
			};
		}

	}

	/**
	 * What a brief in one language made of the glossary entries for its source's terms.
	 */
	public record Use(List<String> used, List<String> missed) {

		public Use {
			used = List.copyOf(used);
			missed = List.copyOf(missed);
		}

	}

	public Glossary {
		entries = List.copyOf(entries);
	}

	/**
	 * The glossary the brief's shape names, as last read: every call of a run's briefs
	 * asks for it, so this reads no file once it has been read.
	 * @throws IllegalArgumentException when the file cannot be read or is not a glossary
	 */
	public static Glossary of(JobDefinition.Shape shape) {
		if (shape.glossary() == null || shape.glossary().isBlank()) {
			return NONE;
		}
		Path file = Path.of(shape.glossary());
		return READ.computeIfAbsent(file.toString(), (key) -> new Read(modified(file), read(file))).glossary();
	}

	/**
	 * The glossary the brief's shape names, read again if the file changed since: a run
	 * asks once, when it is planned, since a {@code serve} process outlives many edits.
	 */
	public static Glossary refreshed(JobDefinition.Shape shape) {
		if (shape.glossary() == null || shape.glossary().isBlank()) {
			return NONE;
		}
		Path file = Path.of(shape.glossary());
		String modified = modified(file);
		return READ.compute(file.toString(), (key, last) -> (last != null && last.modified().equals(modified)) ? last
				: new Read(modified, read(file)))
			.glossary();
	}

	private static String modified(Path file) {
		try {
			return Files.getLastModifiedTime(file) + "/" + Files.size(file);
		}
		catch (IOException ex) {
			// read() says why the file cannot be used.
			return "unreadable";
		}
	}

	static Glossary read(Path file) {
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.setCommentMarker('#')
			.setIgnoreEmptyLines(true)
			.setTrim(true)
			.get();
		List<Entry> entries = new ArrayList<>();
		try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (CSVRecord row : format.parse(in)) {
				if (!row.isMapped("de") || row.get("de").isBlank()) {
					throw new IllegalArgumentException("brief.glossary: " + file + " line " + row.getRecordNumber()
							+ " has no German term; the header is de,en,zh");
				}
				entries.add(new Entry(row.get("de"), rendering(row, "en"), rendering(row, "zh")));
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalArgumentException("brief.glossary: " + file + " cannot be read: " + ex.getMessage(), ex);
		}
		return new Glossary(entries);
	}

	private static String rendering(CSVRecord row, String language) {
		String value = row.isMapped(language) && row.isSet(language) ? row.get(language) : "";
		return value.isBlank() || value.equals("=") ? null : value;
	}

	/** Changes whenever an entry does, so that briefs are made again. */
	public String fingerprint() {
		return this.entries.isEmpty() ? "none" : Hashes.sha256Hex(this.entries.toString()).substring(0, 16);
	}

	/** The prompt with the glossary after its instructions. */
	Prompt appliedTo(Prompt prompt) {
		if (this.entries.isEmpty()) {
			return prompt;
		}
		StringBuilder glossary = new StringBuilder(
				"Glossary: render these source terms exactly so wherever the brief uses them (\"as written\": keep the term):");
		for (Entry entry : this.entries) {
			glossary.append("\n- ").append(entry.term()).append(": ");
			if (entry.english() == null && entry.chinese() == null) {
				glossary.append("as written");
			}
			else {
				glossary.append("en \"").append(entry.in("en")).append("\", zh \"").append(entry.in("zh")).append('"');
			}
		}
		return new Prompt(prompt.system().stripTrailing() + "\n" + glossary + "\n", prompt.user(), prompt.boundary());
	}

	/** Every rendering, which grounds a name the way the source does. */
	List<String> renderings() {
		List<String> renderings = new ArrayList<>();
		for (Entry entry : this.entries) {
			for (String language : List.of("de", "en", "zh", "zh-Hant")) {
				renderings.add(entry.in(language));
			}
		}
		return renderings;
	}

	/**
	 * Which entries for terms the source uses the brief in {@code language} renders as
	 * the glossary says, and which it does not.
	 */
	Use use(String source, Brief brief, String language) {
		String text = fold(String.join("\n", brief.headline(), brief.summary(), String.join("\n", brief.keyPoints()),
				String.join("\n", brief.topics())));
		String sourceText = fold(source);
		List<String> used = new ArrayList<>();
		List<String> missed = new ArrayList<>();
		for (Entry entry : this.entries) {
			String rendering = entry.in(language);
			if (rendering == null || !sourceText.contains(fold(entry.term()))) {
				continue;
			}
			(text.contains(fold(rendering)) ? used : missed).add(entry.term() + " → " + rendering);
		}
		return new Use(used, missed);
	}

	private static String fold(String text) {
		return Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
	}

}
