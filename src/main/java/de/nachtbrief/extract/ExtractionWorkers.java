package de.nachtbrief.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of long-lived child JVMs, started on demand up to
 * {@link ExtractionOptions#workers()}: each call borrows one, more concurrent calls wait.
 * A child that was killed or died is dropped, and the next call starts a fresh one.
 */
final class ExtractionWorkers implements AutoCloseable {

	/** Loading Tika's parsers takes a few seconds; a busy machine gets more. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(ExtractionWorkers.class);

	private final List<String> command;

	private final ExtractionOptions options;

	private final ParserLimits limits;

	private final Semaphore permits;

	private final ConcurrentLinkedDeque<ExtractionWorker> idle = new ConcurrentLinkedDeque<>();

	private final Set<ExtractionWorker> running = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "extraction-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean closed;

	ExtractionWorkers(List<String> command, ExtractionOptions options) {
		this.command = List.copyOf(command);
		this.options = options;
		this.limits = options.parserLimits();
		this.permits = new Semaphore(options.workers(), true);
	}

	/**
	 * Parses {@code file} in a child JVM.
	 * @throws UncheckedIOException when no child JVM can be started at all, which no
	 * document can cause
	 */
	RawDocument extract(Path file) throws ExtractionException {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ExtractionException("the extraction was interrupted", ex);
		}
		try {
			ExtractionWorker worker = borrow();
			try {
				return worker.extract(file, this.limits, this.options.timeout(), this.deadlines);
			}
			finally {
				giveBack(worker);
			}
		}
		finally {
			this.permits.release();
		}
	}

	/**
	 * Starts every child in the background, so that their JVMs start while the run
	 * discovers its files rather than while the first documents wait for them. Each start
	 * holds a permit, so there are never more children than {@code workers}; a child that
	 * cannot start is left for the first document to report.
	 */
	void prestart() {
		for (int i = 0; i < this.options.workers(); i++) {
			Thread starter = new Thread(() -> {
				if (!this.permits.tryAcquire()) {
					return;
				}
				try {
					giveBack(borrow());
				}
				catch (RuntimeException ex) {
					logger.debug("An extraction worker did not start ahead: {}", ex.getMessage());
				}
				finally {
					this.permits.release();
				}
			}, "extraction-prestart-" + i);
			starter.setDaemon(true);
			starter.start();
		}
	}

	/** Process ids of the children alive now. */
	Set<Long> pids() {
		return this.running.stream().map(ExtractionWorker::pid).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public void close() {
		this.closed = true;
		for (ExtractionWorker worker : this.running) {
			worker.close();
		}
		this.running.clear();
		this.idle.clear();
		this.deadlines.shutdownNow();
	}

	private ExtractionWorker borrow() {
		if (this.closed) {
			throw new IllegalStateException("The document extractor is closed");
		}
		for (ExtractionWorker worker = this.idle.poll(); worker != null; worker = this.idle.poll()) {
			if (worker.isHealthy()) {
				return worker;
			}
			discard(worker);
		}
		try {
			ExtractionWorker worker = ExtractionWorker.start(this.command, this.options.maxHeap(), START_TIMEOUT,
					this.deadlines);
			this.running.add(worker);
			return worker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void giveBack(ExtractionWorker worker) {
		if (worker.isHealthy() && !this.closed) {
			this.idle.push(worker);
		}
		else {
			discard(worker);
		}
	}

	private void discard(ExtractionWorker worker) {
		this.running.remove(worker);
		worker.close();
	}

}
