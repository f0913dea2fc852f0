package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link RetryClock} for tests: real time plus everything it was asked to sleep or
 * moved on by, without waiting. Records each sleep so tests can assert the computed
 * waits.
 */
final class RecordingClock implements RetryClock {

	private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	private volatile Duration skipped = Duration.ZERO;

	@Override
	public Instant now() {
		return Instant.now().plus(this.skipped);
	}

	@Override
	public void sleep(Duration duration) {
		this.sleeps.add(duration);
		advance(duration);
	}

	synchronized void advance(Duration duration) {
		this.skipped = this.skipped.plus(duration);
	}

	List<Duration> sleeps() {
		return List.copyOf(this.sleeps);
	}

}
