package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.nachtbrief.batch.RunProgress;

/**
 * Shows a run's progress: on a terminal one line redrawn every second; with output
 * redirected, a plain line every thirty seconds, so log files stay readable.
 */
final class ProgressPrinter implements AutoCloseable {

	private final RunProgress progress;

	private final PrintWriter out;

	private final boolean terminal;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "progress");
		thread.setDaemon(true);
		return thread;
	});

	ProgressPrinter(RunProgress progress, PrintWriter out, boolean terminal) {
		this.progress = progress;
		this.out = out;
		this.terminal = terminal;
		long period = terminal ? 1 : 30;
		this.timer.scheduleAtFixedRate(this::print, period, period, TimeUnit.SECONDS);
	}

	private void print() {
		RunProgress.Snapshot now = this.progress.snapshot();
		if (now.total() == 0) {
			return;
		}
		if (this.terminal) {
			this.out.print("\r\033[K" + now.line());
		}
		else {
			this.out.println("progress: " + now.line());
		}
		this.out.flush();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		if (this.terminal) {
			this.out.print("\r\033[K");
			this.out.flush();
		}
	}

}
