package de.nachtbrief.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGTERM (or Ctrl-C), asks the run to stop after the documents in flight and holds
 * the JVM until it has: the run is then marked stopped, not left running, and the next
 * run resumes it.
 */
final class GracefulStop {

	/** Long enough for a slow model call in flight to finish. */
	private static final Duration GRACE = Duration.ofMinutes(10);

	private GracefulStop() {
	}

	static void onTerminate(Runnable stop, CountDownLatch finished) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			if (finished.getCount() == 0) {
				return;
			}
			stop.run();
			try {
				finished.await(GRACE.toSeconds(), TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "graceful-stop"));
	}

}
