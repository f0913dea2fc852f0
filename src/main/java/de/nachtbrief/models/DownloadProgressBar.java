package de.nachtbrief.models;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a download's progress: on a terminal one line redrawn at most every 200 ms, with
 * a bar, percentage, megabytes, speed and time left; with output redirected, a plain line
 * at each tenth (or each 100 MB when the size is unknown), so log files stay short.
 */
public final class DownloadProgressBar implements DownloadProgress {

	private static final long REDRAW_NANOS = 200_000_000L;

	private static final int WIDTH = 30;

	private static final long STEP_WITHOUT_TOTAL = 100_000_000L;

	private final PrintWriter out;

	private final boolean terminal;

	private final LongSupplier nanoTime;

	private String name = "";

	private long total = -1;

	private long startDone;

	private long startNanos;

	private long drawnNanos;

	private long step;

	public DownloadProgressBar(PrintWriter out, boolean terminal) {
		this(out, terminal, System::nanoTime);
	}

	/**
	 * @param nanoTime the clock, {@code System::nanoTime} outside tests
	 */
	public DownloadProgressBar(PrintWriter out, boolean terminal, LongSupplier nanoTime) {
		this.out = out;
		this.terminal = terminal;
		this.nanoTime = nanoTime;
	}

	@Override
	public void started(String name, long alreadyDone, long total) {
		this.name = name;
		this.total = total;
		this.startDone = alreadyDone;
		this.startNanos = this.nanoTime.getAsLong();
		this.step = step(alreadyDone);
		if (this.terminal) {
			draw(alreadyDone, this.startNanos);
		}
		else {
			String size = (total >= 0) ? mb(total) + " MB" : "size unknown";
			this.out
				.println(name + ": " + ((alreadyDone > 0) ? "resuming at " + mb(alreadyDone) + " MB of " : "") + size);
			this.out.flush();
		}
	}

	@Override
	public void advanced(long done, long total) {
		this.total = total;
		long now = this.nanoTime.getAsLong();
		if (this.terminal && now - this.drawnNanos >= REDRAW_NANOS) {
			draw(done, now);
		}
		if (!this.terminal && step(done) > this.step) {
			this.step = step(done);
			this.out.println(this.name + ": " + figures(done, now));
			this.out.flush();
		}
	}

	@Override
	public void finished(long done) {
		long now = this.nanoTime.getAsLong();
		if (this.terminal) {
			draw(done, now);
			this.out.println();
		}
		else {
			this.out.println(this.name + ": ended at " + mb(done) + " MB after " + time((now - this.startNanos) / 1e9));
		}
		this.out.flush();
	}

	private void draw(long done, long now) {
		this.drawnNanos = now;
		String bar = "";
		if (this.total > 0) {
			int filled = (int) Math.min(WIDTH, done * WIDTH / this.total);
			bar = " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
		}
		this.out.print("\r\033[K" + this.name + bar + " " + figures(done, now));
		this.out.flush();
	}

	/**
	 * "50% 1.5 / 3.0 MB 1.5 MB/s 0:01 left", or less when the size or speed is unknown.
	 */
	private String figures(long done, long now) {
		StringBuilder line = new StringBuilder();
		if (this.total > 0) {
			line.append(done * 100 / this.total).append("% ").append(mb(done)).append(" / ").append(mb(this.total));
		}
		else {
			line.append(mb(done));
		}
		line.append(" MB");
		double seconds = (now - this.startNanos) / 1e9;
		double bytesPerSecond = (done - this.startDone) / seconds;
		if (seconds > 0 && bytesPerSecond > 0) {
			line.append(String.format(Locale.ROOT, " %.1f MB/s", bytesPerSecond / 1e6));
			if (this.total > 0) {
				line.append(' ').append(time(Math.max(0, this.total - done) / bytesPerSecond)).append(" left");
			}
		}
		return line.toString();
	}

	private long step(long done) {
		return (this.total > 0) ? done * 10 / this.total : done / STEP_WITHOUT_TOTAL;
	}

	private static String mb(long bytes) {
		return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
	}

	private static String time(double seconds) {
		long whole = (long) Math.ceil(seconds);
		if (whole >= 3600) {
			return String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60);
		}
		return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
	}

}
