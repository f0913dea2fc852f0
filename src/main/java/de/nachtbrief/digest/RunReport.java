package de.nachtbrief.digest;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The run report, {@code runs/run-<id>.json}: what a run found, briefed, failed and left
 * pending, what it cost, and what became of its digest messages. The digest step writes
 * it without {@code deliveries}; the deliver step adds them, or {@code deliverySkipped}
 * saying why nothing was sent.
 */
public record RunReport(long run, String job, String startedAt, String finishedAt, long durationMs,
		String summarizeBackend, String translateBackend, Counts counts, List<Failure> failures,
		List<Failure> leftPending, Map<String, Tokens> tokensPerBackend, List<String> digests,
		@JsonInclude(JsonInclude.Include.NON_NULL) List<DigestMessage> deliveries,
		@JsonInclude(JsonInclude.Include.NON_NULL) String deliverySkipped,
		@JsonInclude(JsonInclude.Include.NON_NULL) Budget budget) {

	/** The report as the digest step writes it, before anything is delivered. */
	public RunReport(long run, String job, String startedAt, String finishedAt, long durationMs,
			String summarizeBackend, String translateBackend, Counts counts, List<Failure> failures,
			List<Failure> leftPending, Map<String, Tokens> tokensPerBackend, List<String> digests) {
		this(run, job, startedAt, finishedAt, durationMs, summarizeBackend, translateBackend, counts, failures,
				leftPending, tokensPerBackend, digests, null, null, null);
	}

	/** The same report with the run's budget. */
	public RunReport withBudget(Budget budget) {
		return new RunReport(this.run, this.job, this.startedAt, this.finishedAt, this.durationMs,
				this.summarizeBackend, this.translateBackend, this.counts, this.failures, this.leftPending,
				this.tokensPerBackend, this.digests, this.deliveries, this.deliverySkipped, budget);
	}

	/**
	 * The job's {@code budget}, what the documents sent were estimated to cost before
	 * they were sent, what the run spent, and, when it stopped sending because of the
	 * budget, why ({@code reached}).
	 */
	public record Budget(double limit, double estimatedCost, double spent, String currency,
			@JsonInclude(JsonInclude.Include.NON_NULL) String reached) {
	}

	/** The same report with the outcome of the deliver step. */
	public RunReport withDeliveries(List<DigestMessage> deliveries, String deliverySkipped) {
		return new RunReport(this.run, this.job, this.startedAt, this.finishedAt, this.durationMs,
				this.summarizeBackend, this.translateBackend, this.counts, this.failures, this.leftPending,
				this.tokensPerBackend, this.digests, List.copyOf(deliveries), deliverySkipped, this.budget);
	}

	/**
	 * {@code pending}: documents left for the next run (the backend was down, the model's
	 * answers were unusable, or the run was stopped).
	 */
	public record Counts(int found, int briefed, int failed, int skipped, int pending) {
	}

	/** A file and why it failed, or why it was left pending. */
	public record Failure(String file, String reason) {
	}

	/**
	 * What a backend's calls took and cost; {@code cachedInputTokens} are the part of
	 * {@code inputTokens} its provider served from the prompt cache, at the cheaper
	 * cached-input price.
	 */
	public record Tokens(long inputTokens, long cachedInputTokens, long outputTokens, int modelCalls, double cost,
			String currency) {

		public Tokens plus(Tokens other) {
			return new Tokens(this.inputTokens + other.inputTokens, this.cachedInputTokens + other.cachedInputTokens,
					this.outputTokens + other.outputTokens, this.modelCalls + other.modelCalls, this.cost + other.cost,
					this.currency);
		}

	}

	/**
	 * One message of the run's digests for one recipient, language and part, and its
	 * final status in the outbox (SENT, FAILED, UNCERTAIN, or PENDING when delivery was
	 * cut short). It names the recipient, never an address or webhook URL.
	 */
	public record DigestMessage(String recipient, String channel, String language, int part, int parts, String status,
			int attempts, String lastError, String sentAt) {
	}

}
