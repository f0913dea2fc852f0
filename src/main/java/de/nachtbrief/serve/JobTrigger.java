package de.nachtbrief.serve;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a job's runs on a thread of its own, never two at once: a request that arrives
 * while a run is going becomes one follow-up run, however many requests arrive.
 */
public final class JobTrigger implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(JobTrigger.class);

	private final String job;

	private final Consumer<String> run;

	private final ExecutorService thread;

	private boolean running;

	private String followUp;

	private boolean closed;

	/**
	 * @param run runs the job once; it is given the reason the run was asked for
	 */
	public JobTrigger(String job, Consumer<String> run) {
		this.job = job;
		this.run = run;
		this.thread = Executors.newSingleThreadExecutor((task) -> new Thread(task, "run-" + job));
	}

	/**
	 * Asks for a run.
	 * @return false when the request was folded into a run already pending or the trigger
	 * is closed
	 */
	public synchronized boolean request(String reason) {
		if (this.closed) {
			return false;
		}
		if (this.running) {
			boolean first = this.followUp == null;
			if (first) {
				this.followUp = reason;
			}
			return first;
		}
		this.running = true;
		this.thread.execute(() -> loop(reason));
		return true;
	}

	public synchronized boolean isRunning() {
		return this.running;
	}

	private void loop(String firstReason) {
		String reason = firstReason;
		while (reason != null) {
			try {
				this.run.accept(reason);
			}
			catch (RuntimeException ex) {
				// A run that fails must not end the service; the next request runs again.
				logger.error("A run of job '{}' failed: {}", this.job, ex.toString());
			}
			synchronized (this) {
				reason = this.closed ? null : this.followUp;
				this.followUp = null;
				this.running = reason != null;
			}
		}
	}

	/** Accepts no more requests and waits for the run in progress, if any. */
	@Override
	public void close() throws InterruptedException {
		synchronized (this) {
			this.closed = true;
			this.followUp = null;
		}
		this.thread.shutdown();
		this.thread.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
	}

}
