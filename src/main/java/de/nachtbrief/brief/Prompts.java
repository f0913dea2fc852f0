package de.nachtbrief.brief;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.input.PromptTemplate;

import de.nachtbrief.llm.Prompt;

/**
 * The prompt wording, kept in {@code src/main/resources/prompts/*.txt} with named
 * variables. Source text goes in the user message between markers carrying a fresh random
 * boundary, so a document cannot fake the end of its data.
 */
final class Prompts {

	private static final List<String> NAMES = List.of("brief", "summarize", "reduce", "translate");

	private static final SecureRandom random = new SecureRandom();

	private static final ObjectMapper json = new ObjectMapper();

	/**
	 * Changes whenever any prompt's wording changes, so briefs made with older wording
	 * are made again.
	 */
	static final String VERSION = version();

	private Prompts() {
	}

	/**
	 * The one call that briefs a source that fits the window in every language.
	 * @param languages the language names by the codes the answer uses as keys
	 */
	static Prompt brief(Map<String, String> languages, String title, String text, int keyPoints, int summarySentences) {
		String boundary = boundary();
		Map<String, Object> values = Map.of("languages", keys(languages), "title", title, "text", text, "keyPoints",
				keyPoints, "summarySentences", summarySentences, "boundary", boundary);
		return prompt("brief", values, boundary);
	}

	/**
	 * The one call that briefs several short sources in every language, numbered from 1
	 * in the order given. Its instructions are the single brief's, followed by what
	 * differs, so the shared prefix stays byte-identical for providers' prompt caches.
	 * Their wording is not part of {@link #VERSION}: packing is a way of sending, and
	 * turning it on must not brief everything again.
	 * @param sources each source's title and text
	 */
	static Prompt pack(Map<String, String> languages, List<Map.Entry<String, String>> sources, int keyPoints,
			int summarySentences) {
		String boundary = boundary();
		Map<String, Object> values = Map.of("languages", keys(languages), "keyPoints", keyPoints, "summarySentences",
				summarySentences);
		String system = PromptTemplate.from(read("brief.system.txt")).apply(values).text() + "\n"
				+ read("pack.system.txt").strip();
		List<String> blocks = new ArrayList<>();
		for (int i = 0; i < sources.size(); i++) {
			blocks.add(PromptTemplate.from(read("pack.user.txt"))
				.apply(Map.of("number", i + 1, "title", sources.get(i).getKey(), "text", sources.get(i).getValue(),
						"boundary", boundary))
				.text());
		}
		return new Prompt(system, String.join("\n\n", blocks), boundary);
	}

	/**
	 * Briefs one part of a long source in its own language: notes for the reduce call.
	 */
	static Prompt summarize(String language, String title, String text, int keyPoints, int summarySentences) {
		String boundary = boundary();
		Map<String, Object> values = Map.of("language", language, "title", title, "text", text, "keyPoints", keyPoints,
				"summarySentences", summarySentences, "boundary", boundary);
		return prompt("summarize", values, boundary);
	}

	/** Merges the parts' briefs into one brief per language. */
	static Prompt reduce(Map<String, String> languages, String title, List<Brief> partials, int keyPoints,
			int summarySentences) {
		String boundary = boundary();
		Map<String, Object> values = Map.of("languages", keys(languages), "title", title, "partials", toJson(partials),
				"keyPoints", keyPoints, "summarySentences", summarySentences, "boundary", boundary);
		return prompt("reduce", values, boundary);
	}

	/** Translates one brief's prose into every language at once. */
	static Prompt translate(Map<String, String> languages, BriefDraft.Prose prose) {
		String boundary = boundary();
		return prompt("translate", Map.of("languages", keys(languages), "brief", toJson(prose), "boundary", boundary),
				boundary);
	}

	/**
	 * {@code "en" (English), "zh" (Simplified Chinese)}: each key and what it asks for.
	 */
	private static String keys(Map<String, String> languages) {
		return languages.entrySet()
			.stream()
			.map((language) -> "\"" + language.getKey() + "\" (" + language.getValue() + ")")
			.collect(java.util.stream.Collectors.joining(", "));
	}

	/**
	 * The same prompt asked once more, naming what the grounding check took out of the
	 * previous answer. Its wording is not part of {@link #VERSION}: it shapes only briefs
	 * that would otherwise not exist, so changing it must not brief everything again.
	 */
	static Prompt corrected(Prompt prompt, List<String> removed) {
		String correction = PromptTemplate.from(read("correction.user.txt"))
			.apply(Map.of("removed", String.join("; ", removed)))
			.text();
		return new Prompt(prompt.system(), prompt.user() + "\n\n" + correction, prompt.boundary());
	}

	/** Compact: indentation would be paid for as prompt tokens on every call. */
	private static String toJson(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a brief always serialises", ex);
		}
	}

	private static Prompt prompt(String name, Map<String, Object> values, String boundary) {
		String system = PromptTemplate.from(read(name + ".system.txt")).apply(values).text();
		String user = PromptTemplate.from(read(name + ".user.txt")).apply(values).text();
		return new Prompt(system, user, boundary);
	}

	private static String boundary() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return "SOURCE-" + HexFormat.of().formatHex(bytes);
	}

	private static String read(String file) {
		try (InputStream in = Prompts.class.getResourceAsStream("/prompts/" + file)) {
			if (in == null) {
				throw new IllegalStateException("prompt file prompts/" + file + " is missing from the build");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String version() {
		StringBuilder all = new StringBuilder();
		for (String name : NAMES) {
			all.append(read(name + ".system.txt")).append(read(name + ".user.txt"));
		}
		return Integer.toHexString(all.toString().hashCode());
	}

}
