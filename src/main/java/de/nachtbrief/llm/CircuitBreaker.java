package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells a backend that is down as a whole from one that fails now and then: it watches
 * the outcomes of the last {@value #WINDOW} attempts and opens when at least
 * {@value #MINIMUM} were seen and four in five of them failed. While open, calls fail at
 * once instead of each retrying for its whole budget; after {@link #OPEN_FOR} it forgets
 * and lets calls through again, which matters for {@code serve}.
 */
final class CircuitBreaker {

	static final int WINDOW = 20;

	static final int MINIMUM = 10;

	static final Duration OPEN_FOR = Duration.ofSeconds(60);

	/** True for a success, false for a failure that usually passes; newest last. */
	private final Deque<Boolean> recent = new ArrayDeque<>();

	private Instant openedAt;

	private String openReason;

	synchronized void succeeded() {
		record(true);
	}

	/** Records a failure; true when it opened the breaker. */
	synchronized boolean failed(String detail, Instant now) {
		record(false);
		long failures = this.recent.stream().filter((ok) -> !ok).count();
		if (this.openedAt == null && this.recent.size() >= MINIMUM && failures * 5 >= this.recent.size() * 4L) {
			this.openedAt = now;
			this.openReason = failures + " of its last " + this.recent.size() + " calls failed (last: " + detail + ")";
			return true;
		}
		return false;
	}

	/** Why the backend counts as down, or null while calls may go through. */
	synchronized String openReason(Instant now) {
		if (this.openedAt != null && now.isAfter(this.openedAt.plus(OPEN_FOR))) {
			this.openedAt = null;
			this.recent.clear();
		}
		return (this.openedAt != null) ? this.openReason : null;
	}

	private void record(boolean success) {
		this.recent.addLast(success);
		if (this.recent.size() > WINDOW) {
			this.recent.removeFirst();
		}
	}

}
