package de.nachtbrief.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters a long run reports while it works: documents done of total, failures, tokens,
 * time.
 */
public class RunProgress {

	private final AtomicInteger total = new AtomicInteger();

	private final AtomicInteger done = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicLong tokens = new AtomicLong();

	private final long startedNanos = System.nanoTime();

	private final AtomicReference<String> stopReason = new AtomicReference<>();

	private final AtomicInteger leftPending = new AtomicInteger();

	private final AtomicReference<String> budgetReached = new AtomicReference<>();

	void addToBrief(int documents) {
		this.total.addAndGet(documents);
	}

	void documentDone(boolean briefed, long tokensSpent) {
		this.done.incrementAndGet();
		if (!briefed) {
			this.failed.incrementAndGet();
		}
		this.tokens.addAndGet(tokensSpent);
	}

	/**
	 * Sets the counts to what workers elsewhere have done so far, as the state database
	 * shows it.
	 */
	void caughtUp(int done, int failed, long tokensSpent) {
		this.done.set(done);
		this.failed.set(failed);
		this.tokens.set(tokensSpent);
	}

	void leftPending(int documents) {
		this.leftPending.addAndGet(documents);
	}

	/**
	 * The run reached its budget: it sends no more documents but goes on to its digest.
	 * The first reason given is the one the run reports.
	 */
	void budgetReached(String reason) {
		this.budgetReached.compareAndSet(null, reason);
	}

	/** Why the run sent no more documents though its backend was up, or null. */
	public String budgetReached() {
		return this.budgetReached.get();
	}

	/** Stops the briefing: the first reason given is the one the run reports. */
	void stopSending(String reason) {
		this.stopReason.compareAndSet(null, reason);
	}

	/**
	 * Why the run stopped briefing (its backend is down, or its state database failed),
	 * or null.
	 */
	public String stopReason() {
		return this.stopReason.get();
	}

	/** A snapshot of the counters. */
	public record Snapshot(int done, int total, int failed, long tokens, Duration elapsed, Duration remaining) {

		public String line() {
			String left = this.remaining == null ? "?" : format(this.remaining);
			return "%d/%d documents · %d failed · %,d tokens · %s elapsed · ~%s left".formatted(this.done, this.total,
					this.failed, this.tokens, format(this.elapsed), left);
		}

		private static String format(Duration duration) {
			long seconds = duration.toSeconds();
			return seconds >= 3600 ? "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60)
					: "%dm%02ds".formatted(seconds / 60, seconds % 60);
		}

	}

	public Snapshot snapshot() {
		int doneNow = this.done.get();
		int totalNow = this.total.get();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startedNanos);
		Duration remaining = doneNow == 0 ? null
				: elapsed.multipliedBy(Math.max(0, totalNow - doneNow)).dividedBy(doneNow);
		return new Snapshot(doneNow, totalNow, this.failed.get(), this.tokens.get(), elapsed, remaining);
	}

}
