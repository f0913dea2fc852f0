package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one backend's calls within what it accepts. Calls in flight follow an adaptive
 * limit: it halves when the backend answers 429 or 503, and climbs back by one after as
 * many successes in a row as the limit stands at, never above {@code max-concurrency}.
 * With {@code requests-per-minute} or {@code tokens-per-minute} set, each call also takes
 * from a token bucket that refills evenly over the minute; a call waits (on the
 * {@link RetryClock}) until its bucket holds enough.
 */
final class Throttle {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final int maxConcurrency;

	private final Bucket requests;

	private final Bucket tokens;

	private final RetryClock clock;

	private int limit;

	private int inFlight;

	private int successesInARow;

	Throttle(BackendProperties.Backend config, RetryClock clock) {
		this.maxConcurrency = config.maxConcurrency();
		this.limit = this.maxConcurrency;
		this.clock = clock;
		this.requests = new Bucket(config.requestsPerMinute(), clock.now());
		this.tokens = new Bucket(config.tokensPerMinute(), clock.now());
	}

	/**
	 * Waits until a call of about {@code promptTokens} may go out, and takes its slot.
	 */
	void acquire(long promptTokens) throws InterruptedException {
		synchronized (this) {
			while (this.inFlight >= this.limit) {
				wait();
			}
			this.inFlight++;
		}
		try {
			take(this.requests, 1);
			take(this.tokens, promptTokens);
		}
		catch (InterruptedException ex) {
			release(false);
			throw ex;
		}
	}

	/** Gives the slot back; {@code overloaded} when the backend answered 429 or 503. */
	synchronized void release(boolean overloaded) {
		this.inFlight--;
		if (overloaded) {
			this.limit = Math.max(1, this.limit / 2);
			this.successesInARow = 0;
		}
		else if (++this.successesInARow >= this.limit && this.limit < this.maxConcurrency) {
			this.limit++;
			this.successesInARow = 0;
		}
		notifyAll();
	}

	/** How many calls may be in flight now. */
	synchronized int limit() {
		return this.limit;
	}

	private void take(Bucket bucket, long amount) throws InterruptedException {
		for (Duration wait = bucket.take(amount, this.clock.now()); !wait.isZero(); wait = bucket.take(amount,
				this.clock.now())) {
			this.clock.sleep(wait);
		}
	}

	/**
	 * A token bucket holding at most a minute's worth, refilled evenly; a per-minute
	 * limit of 0 means no limit. A call larger than the whole bucket waits for a full
	 * one.
	 */
	private static final class Bucket {

		private final long perMinute;

		private double level;

		private Instant refilled;

		Bucket(long perMinute, Instant now) {
			this.perMinute = perMinute;
			this.level = perMinute;
			this.refilled = now;
		}

		/** Takes {@code amount} and returns zero, or returns how long to wait first. */
		synchronized Duration take(long amount, Instant now) {
			if (this.perMinute <= 0) {
				return Duration.ZERO;
			}
			double wanted = Math.min(amount, this.perMinute);
			double elapsedMinutes = Duration.between(this.refilled, now).toNanos() / (double) MINUTE.toNanos();
			this.level = Math.min(this.perMinute, this.level + elapsedMinutes * this.perMinute);
			this.refilled = now;
			if (this.level >= wanted) {
				this.level -= wanted;
				return Duration.ZERO;
			}
			double missingMinutes = (wanted - this.level) / this.perMinute;
			return Duration.ofNanos(Math.max(1_000_000, (long) Math.ceil(missingMinutes * MINUTE.toNanos())));
		}

	}

}
