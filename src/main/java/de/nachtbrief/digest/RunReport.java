package de.nachtbrief.digest;

import java.util.List;
import java.util.Map;

/**
 * The run report, {@code runs/run-<id>.json}: what a run found, briefed and failed, and
 * what it cost.
 */
public record RunReport(long run, String job, String startedAt, String finishedAt, long durationMs,
		String summarizeBackend, String translateBackend, Counts counts, List<Failure> failures,
		Map<String, Tokens> tokensPerBackend, List<String> digests) {

	public record Counts(int found, int briefed, int failed, int skipped) {
	}

	public record Failure(String file, String reason) {
	}

	public record Tokens(long inputTokens, long outputTokens, int modelCalls, double cost, String currency) {
	}

}
