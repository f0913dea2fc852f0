package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;

/**
 * The time source and sleeper of retries and failover, replaceable so that tests need not
 * wait.
 */
public interface RetryClock {

	/** The real clock; {@link #sleep} blocks the calling thread. */
	RetryClock SYSTEM = new RetryClock() {

		@Override
		public Instant now() {
			return Instant.now();
		}

		@Override
		public void sleep(Duration duration) throws InterruptedException {
			Thread.sleep(duration.toMillis());
		}

	};

	Instant now();

	void sleep(Duration duration) throws InterruptedException;

}
