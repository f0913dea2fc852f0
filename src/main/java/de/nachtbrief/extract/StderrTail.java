package de.nachtbrief.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child's stderr to the end on a daemon thread, so a chatty parser can never
 * block on a full pipe, and keeps only the last few kilobytes to tell why the child died.
 * The text is never logged: parser warnings may quote the document.
 */
final class StderrTail {

	private static final int KEEP = 8192;

	private final StringBuilder tail = new StringBuilder();

	private final Thread reader;

	private StderrTail(InputStream stderr, long pid) {
		this.reader = new Thread(() -> read(stderr), "extraction-worker-" + pid + "-stderr");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static StderrTail drain(Process process) {
		return new StderrTail(process.getErrorStream(), process.pid());
	}

	/**
	 * Whether the tail contains {@code text}; waits briefly for a dying child's last
	 * words.
	 */
	boolean contains(String text) {
		try {
			this.reader.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.tail) {
			return this.tail.indexOf(text) >= 0;
		}
	}

	private void read(InputStream stderr) {
		char[] buffer = new char[4096];
		try (Reader in = new InputStreamReader(stderr, StandardCharsets.UTF_8)) {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				synchronized (this.tail) {
					this.tail.append(buffer, 0, read);
					if (this.tail.length() > 2 * KEEP) {
						this.tail.delete(0, this.tail.length() - KEEP);
					}
				}
			}
		}
		catch (IOException ex) {
			// The child is gone; what was read so far is all there is.
		}
	}

}
