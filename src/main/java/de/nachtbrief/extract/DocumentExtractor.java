package de.nachtbrief.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one file: detects its type, extracts text and metadata within hard limits,
 * removes page clutter, detects the language. Parsing runs in pooled child JVMs (see
 * {@link ExtractionOptions}), so a file that hangs the parser or exhausts its memory
 * fails alone with a clear reason; small plain-text files, which cannot, are read here
 * ({@link PlainTextReader}). Safe for many threads; close it to stop the children.
 */
public class DocumentExtractor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DocumentExtractor.class);

	private final ExtractionOptions options;

	private final LanguageGuess languages = new LanguageGuess();

	private final ExtractionWorkers workers;

	private final TikaReader inProcess;

	private final PlainTextReader plainText = new PlainTextReader();

	/**
	 * @param maxCharacters text beyond this many characters is cut off and the document
	 * marked truncated
	 */
	public DocumentExtractor(int maxCharacters) {
		this(ExtractionOptions.defaults().withMaxCharacters(maxCharacters));
	}

	public DocumentExtractor(ExtractionOptions options) {
		this(options, ExtractionWorkerMain.class.getName());
	}

	/**
	 * Children run {@code workerMainClass}; tests swap in a worker that misbehaves on
	 * purpose.
	 */
	DocumentExtractor(ExtractionOptions options, String workerMainClass) {
		this.options = Objects.requireNonNull(options, "options");
		this.workers = options.isolated() ? new ExtractionWorkers(WorkerCommand.of(workerMainClass, options), options)
				: null;
		this.inProcess = options.isolated() ? null : new TikaReader();
	}

	/**
	 * Starts the parser child JVMs in the background, ahead of the first document, when
	 * {@code input} holds a file that one will read: a folder of small text files needs
	 * none, and starting them would take the cores its documents need.
	 */
	public void prestartFor(Path input) {
		if (this.workers == null) {
			return;
		}
		Thread scout = new Thread(() -> {
			if (anyFileForAChild(input)) {
				this.workers.prestart();
			}
		}, "extraction-prestart");
		scout.setDaemon(true);
		scout.start();
	}

	private static boolean anyFileForAChild(Path input) {
		try (Stream<Path> files = Files.walk(input)) {
			return files.anyMatch((file) -> Files.isRegularFile(file) && !PlainTextReader.mayRead(file));
		}
		catch (IOException | UncheckedIOException ex) {
			return true;
		}
	}

	public ExtractionOptions options() {
		return this.options;
	}

	/**
	 * @throws ExtractionException when the file yields no usable text; the message says
	 * why
	 * @throws java.io.UncheckedIOException when no parser child JVM can be started at all
	 */
	public ExtractedDocument extract(Path file) throws ExtractionException {
		if (!Files.isRegularFile(file)) {
			throw new ExtractionException(Reasons.NOT_A_FILE);
		}
		long size = sizeOf(file);
		if (size == 0) {
			throw new ExtractionException(Reasons.EMPTY);
		}
		ParserLimits limits = this.options.parserLimits();
		Optional<RawDocument> text = this.plainText.read(file, size, limits);
		RawDocument raw = text.isPresent() ? text.get()
				: (this.workers != null) ? this.workers.extract(file) : this.inProcess.read(file, limits);
		String language = this.languages.of(raw.text());
		logger.debug("Extracted {}: {}, {} characters, language {}{}", file.getFileName(), raw.mediaType(),
				raw.text().length(), language, raw.truncated() ? ", truncated" : "");
		return new ExtractedDocument(raw.text(), raw.title(), raw.author(), raw.date(), raw.mediaType(), language,
				raw.truncated());
	}

	/** Process ids of the running child JVMs; empty in process. */
	Set<Long> workerPids() {
		return (this.workers != null) ? this.workers.pids() : Set.of();
	}

	/** Stops the child JVMs; calls still running fail. */
	@Override
	public void close() {
		if (this.workers != null) {
			this.workers.close();
		}
	}

	private static long sizeOf(Path file) throws ExtractionException {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new ExtractionException(Reasons.unreadable(ex), ex);
		}
	}

}
