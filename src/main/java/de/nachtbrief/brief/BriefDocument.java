package de.nachtbrief.brief;

import java.util.List;
import java.util.Map;

/**
 * The JSON file written per document, as described by {@code schema/brief.schema.json}:
 * the source, the brief per language, who made it, what it cost and how long it took.
 */
public record BriefDocument(int schemaVersion, long run, String createdAt, Source source,
		Map<String, LocalizedBrief> briefs, Backends backends, Tokens usage, Timings timings,
		List<String> removedByCheck) {

	/**
	 * 2 added {@code usage.cachedInputTokens}; a brief of version 1 reads as having none.
	 * 3 added each language's {@code glossary} use; older briefs read as made without
	 * one. 4 added {@code source.fingerprint}; older briefs read as having none, and the
	 * digest groups no story with them.
	 */
	public static final int SCHEMA_VERSION = 4;

	/**
	 * The file the brief was made from; {@code fingerprint} is the MinHash signature of
	 * its text ({@link de.nachtbrief.digest.Fingerprint}), or null.
	 */
	public record Source(String file, String sha256, long sizeBytes, String mediaType, String title, String author,
			String date, String language, int characters, boolean truncated, String fingerprint) {
	}

	/** Which backend and model did each role. */
	public record Backends(Role summarize, Role translate) {
	}

	public record Role(String backend, String model) {
	}

	/**
	 * {@code cost} is in {@code currency}, the deployment's; 0 when unpriced or replayed.
	 * {@code cachedInputTokens} are the part of {@code inputTokens} the provider served
	 * from its prompt cache.
	 */
	public record Tokens(long inputTokens, long outputTokens, int modelCalls, double cost, String currency,
			long cachedInputTokens) {
	}

	public record Timings(long extractMs, long briefMs, long totalMs) {
	}

}
