package de.nachtbrief.extract;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.extract.WorkerProtocol.Request;
import de.nachtbrief.extract.WorkerProtocol.Response;

/**
 * One child JVM that parses one file at a time. A child that misses the time limit is
 * killed; one that dies is not restarted here: {@link ExtractionWorkers} drops every
 * worker that is no longer {@link #isHealthy() healthy}.
 */
final class ExtractionWorker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ExtractionWorker.class);

	/** Exit status of a JVM stopped by {@code -XX:+ExitOnOutOfMemoryError}. */
	private static final int OUT_OF_MEMORY_EXIT = 3;

	private final Process process;

	private final BufferedWriter requests;

	private final BufferedReader answers;

	private final StderrTail stderr;

	private final String maxHeap;

	private final AtomicBoolean killed = new AtomicBoolean();

	private ExtractionWorker(Process process, String maxHeap) {
		this.process = process;
		this.maxHeap = maxHeap;
		this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
		this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		this.stderr = StderrTail.drain(process);
	}

	/** Starts a child and waits until it is ready to parse. */
	static ExtractionWorker start(List<String> command, String maxHeap, Duration startTimeout,
			ScheduledExecutorService scheduler) throws IOException {
		ExtractionWorker worker = new ExtractionWorker(new ProcessBuilder(command).start(), maxHeap);
		String greeting = worker.readWithin(startTimeout, scheduler);
		if (!WorkerProtocol.READY.equals(greeting)) {
			worker.close();
			String what = worker.killed.get() ? "gave no sign of life within " + startTimeout.toSeconds() + " s"
					: "ended with exit code " + worker.process.exitValue();
			throw new IOException("The extraction worker could not start: it " + what
					+ "; check the Java installation, the class path and the worker heap (-Xmx" + maxHeap + ")");
		}
		logger.debug("Started extraction worker {}", worker.process.pid());
		return worker;
	}

	/**
	 * Parses {@code file} in the child; a timeout, crash or memory exhaustion comes back
	 * as the reason.
	 */
	RawDocument extract(Path file, ParserLimits limits, Duration timeout, ScheduledExecutorService scheduler)
			throws ExtractionException {
		String line;
		try {
			this.requests.write(WorkerProtocol.write(new Request(file.toAbsolutePath().toString(), limits)));
			this.requests.newLine();
			this.requests.flush();
			line = readWithin(timeout, scheduler);
		}
		catch (IOException ex) {
			// A child that died before or while reading the request closes its end of the
			// pipe.
			line = null;
		}
		if (line == null) {
			if (this.killed.get()) {
				logger.warn("Extraction of {} took longer than {} ms; worker {} killed", file.getFileName(),
						timeout.toMillis(), this.process.pid());
				throw new ExtractionException(Reasons.timeout(timeout));
			}
			String reason = deathReason();
			logger.warn("Extraction worker {} died reading {}: {}", this.process.pid(), file.getFileName(), reason);
			throw new ExtractionException(reason);
		}
		Response response = responseOf(line);
		if (response.failure() != null) {
			throw new ExtractionException(response.failure());
		}
		return response.document();
	}

	private Response responseOf(String line) throws ExtractionException {
		try {
			return WorkerProtocol.read(line, Response.class);
		}
		catch (IllegalArgumentException ex) {
			this.process.destroyForcibly();
			throw new ExtractionException(deathReason());
		}
	}

	long pid() {
		return this.process.pid();
	}

	boolean isHealthy() {
		return !this.killed.get() && this.process.isAlive();
	}

	/**
	 * Closing stdin lets the child finish on its own; a child that does not is killed.
	 */
	@Override
	public void close() {
		try {
			this.requests.close();
		}
		catch (IOException ex) {
			// The child is gone already.
		}
		try {
			if (!this.process.waitFor(2, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The next line from the child, or {@code null} when it died or was killed at the
	 * deadline.
	 */
	private String readWithin(Duration limit, ScheduledExecutorService scheduler) throws IOException {
		ScheduledFuture<?> deadline = scheduler.schedule(this::kill, limit.toMillis(), TimeUnit.MILLISECONDS);
		try {
			String line = this.answers.readLine();
			// The protocol's lines are JSON objects. Anything else is the JVM's own
			// output, which options such as -Xlog:gc or a flight recording in
			// JAVA_TOOL_OPTIONS send to standard output too.
			while (line != null && !line.startsWith("{")) {
				logger.debug("Extraction worker {} printed: {}", this.process.pid(), line);
				line = this.answers.readLine();
			}
			return line;
		}
		catch (IOException ex) {
			if (this.killed.get()) {
				return null;
			}
			throw ex;
		}
		finally {
			deadline.cancel(false);
		}
	}

	private void kill() {
		this.killed.set(true);
		this.process.destroyForcibly();
	}

	private String deathReason() {
		int exitCode;
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				kill();
				return "the parser stopped answering and was stopped";
			}
			exitCode = this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
			return "the parser was interrupted";
		}
		if (exitCode == OUT_OF_MEMORY_EXIT || this.stderr.contains("OutOfMemoryError")) {
			return Reasons.outOfMemory(this.maxHeap);
		}
		return Reasons.crashed(exitCode);
	}

}
