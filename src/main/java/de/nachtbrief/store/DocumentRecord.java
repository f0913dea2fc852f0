package de.nachtbrief.store;

/**
 * One row of {@code NB_DOCUMENT}: a source file in a run, and its outcome once known;
 * {@code cost} is in the deployment's currency; {@code cachedInputTokens} are the part of
 * {@code inputTokens} served from the provider's prompt cache.
 */
public record DocumentRecord(long id, long runId, String path, String sha256, long sizeBytes, DocumentStatus status,
		String reason, String briefPath, String backend, String model, long inputTokens, long outputTokens,
		int modelCalls, long durationMs, double cost, long cachedInputTokens) {
}
