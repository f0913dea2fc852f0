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

	/** Registers the hook; {@link #release} removes it once the run is over. */
	static Thread onTerminate(Runnable stop, CountDownLatch finished) {
		Thread hook = new Thread(() -> {
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
		}, "graceful-stop");
		Runtime.getRuntime().addShutdownHook(hook);
		return hook;
	}

	static void release(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down and the hook is running: it ends when the run is
			// over.
		}
	}

}
