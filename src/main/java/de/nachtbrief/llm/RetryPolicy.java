package de.nachtbrief.llm;

import java.time.Duration;

/**
 * How often and how long one model call is retried: at most {@code maxAttempts} attempts
 * within {@code callBudget}, waiting between them with exponential backoff and full
 * jitter, from {@code initialBackoff} up to {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration callBudget) {

	public RetryPolicy {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("max-attempts must be at least 1, was " + maxAttempts);
		}
		requirePositive("initial-backoff", initialBackoff);
		requirePositive("max-backoff", maxBackoff);
		requirePositive("call-budget", callBudget);
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("max-backoff (" + maxBackoff
					+ ") must not be shorter than initial-backoff (" + initialBackoff + ")");
		}
	}

	/**
	 * The wait before retry number {@code retry} (1 for the wait after the first
	 * attempt).
	 * @param jitter a number in [0, 1) that picks the wait between zero and the
	 * exponential cap
	 */
	public Duration backoff(int retry, double jitter) {
		if (retry < 1) {
			throw new IllegalArgumentException("retry must be at least 1, was " + retry);
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
		}
		long initial = this.initialBackoff.toMillis();
		// Doubling stops at 2^30, far past any sensible cap and far from overflowing.
		long exponential = initial << Math.min(retry - 1, 30);
		long cap = Math.min(exponential, this.maxBackoff.toMillis());
		return Duration.ofMillis(Math.round(cap * jitter));
	}

	private static void requirePositive(String field, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(field + " must be positive, was " + value);
		}
	}

}
