package de.nachtbrief.llm;

import java.time.Duration;

/**
 * Keeps one backend's calls within what it accepts. Calls in flight follow an adaptive
 * limit: it halves when the backend answers 429 or 503, and climbs back by one after as
 * many successes in a row as the limit stands at, never above {@code max-concurrency}.
 * With {@code requests-per-minute} or {@code tokens-per-minute} set, each call also takes
 * from a token bucket that refills evenly over the minute; a call waits (on the
 * {@link RetryClock}) until its bucket holds enough. The buckets are this process's, or
 * shared by every process on the state database ({@link SharedRateBuckets}); calls in
 * flight are counted per process.
 */
final class Throttle {

	private final int maxConcurrency;

	private final long requestsPerMinute;

	private final long tokensPerMinute;

	private final String requestsBucket;

	private final String tokensBucket;

	private final RateBuckets buckets;

	private final RetryClock clock;

	private int limit;

	private int inFlight;

	private int successesInARow;

	Throttle(BackendProperties.Backend config, RetryClock clock) {
		this("backend", config, clock, RateBuckets.inProcess());
	}

	/**
	 * @param buckets where the per-minute buckets are kept: this process's, or the state
	 * database's, shared by every process
	 */
	Throttle(String backend, BackendProperties.Backend config, RetryClock clock, RateBuckets buckets) {
		this.maxConcurrency = config.maxConcurrency();
		this.limit = this.maxConcurrency;
		this.clock = clock;
		this.requestsPerMinute = config.requestsPerMinute();
		this.tokensPerMinute = config.tokensPerMinute();
		this.requestsBucket = backend + ":requests";
		this.tokensBucket = backend + ":tokens";
		this.buckets = buckets;
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
			take(this.requestsBucket, this.requestsPerMinute, 1);
			take(this.tokensBucket, this.tokensPerMinute, promptTokens);
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

	private void take(String bucket, long perMinute, long amount) throws InterruptedException {
		for (Duration wait = this.buckets.take(bucket, perMinute, amount, this.clock.now()); !wait
			.isZero(); wait = this.buckets.take(bucket, perMinute, amount, this.clock.now())) {
			this.clock.sleep(wait);
		}
	}

}
