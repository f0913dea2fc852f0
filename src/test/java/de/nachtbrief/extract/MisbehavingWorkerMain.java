package de.nachtbrief.extract;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A worker for tests that answers like the real one, except for files whose name says
 * otherwise: it never returns from {@value #HANG}, dies on {@value #CRASH} and floods
 * stdout and stderr before answering {@value #CHATTY}. Like a JVM logging to standard
 * output, it writes a log line straight onto the answer channel before it greets, and
 * before each chatty answer.
 */
public final class MisbehavingWorkerMain {

	static final String HANG = "haengt";

	static final String CRASH = "absturz";

	static final String CHATTY = "geschwaetzig";

	static final int CRASH_EXIT_CODE = 7;

	private MisbehavingWorkerMain() {
	}

	public static void main(String[] args) throws IOException {
		jvmLog();
		ExtractionWorkerMain.serve(() -> {
			TikaReader reader = new TikaReader();
			return (line) -> {
				if (line.contains(HANG)) {
					hang();
				}
				if (line.contains(CRASH)) {
					Runtime.getRuntime().halt(CRASH_EXIT_CODE);
				}
				if (line.contains(CHATTY)) {
					chatter();
					jvmLog();
				}
				return ExtractionWorkerMain.answer(reader, line);
			};
		});
	}

	private static void hang() {
		while (true) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// A parser stuck in a loop does not stop when asked either.
			}
		}
	}

	/**
	 * Far more than a pipe buffer holds, so an undrained stderr or a leaking stdout would
	 * show.
	 */
	private static void chatter() {
		String line = "{\"document\":null} Warnung: Schrift nicht gefunden, ersetze durch LiberationSans";
		for (int i = 0; i < 40_000; i++) {
			System.out.println(line);
			System.err.println(line);
		}
	}

	/** What -Xlog:gc:stdout writes, on the file descriptor the answers go to. */
	private static void jvmLog() {
		try {
			FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
			stdout.write("[0.012s][info][gc] Using Serial\n".getBytes(StandardCharsets.UTF_8));
			stdout.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
