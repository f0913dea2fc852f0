package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one file: detects its type, extracts text and metadata within hard limits, removes page clutter, detects the
 * language. Each call gets its own parser, handler and context, so one instance serves many threads.
 */
public class DocumentExtractor {

	private final TikaReader reader = new TikaReader();

	private final LanguageGuess languages = new LanguageGuess();

	private final ParserLimits limits;

	/** @param maxCharacters text beyond this many characters is cut off and the document marked truncated */
	public DocumentExtractor(int maxCharacters) {
		this.limits = new ParserLimits(maxCharacters, 100, 3, 100, 1000);
	}

	public ExtractedDocument extract(Path file) throws ExtractionException {
		if (!Files.isRegularFile(file)) {
			throw new ExtractionException(Reasons.NOT_A_FILE);
		}
		if (sizeOf(file) == 0) {
			throw new ExtractionException(Reasons.EMPTY);
		}
		RawDocument raw = this.reader.read(file, this.limits);
		return new ExtractedDocument(raw.text(), raw.title(), raw.author(), raw.date(), raw.mediaType(),
				this.languages.of(raw.text()), raw.truncated());
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
