package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads small plain-text and Markdown files in this JVM, sparing them the round trip to a
 * child JVM, which for a news article costs several times its parsing. Safe here: the
 * type is told from the name and the magic bytes only (no container is opened), Tika's
 * text parser streams characters up to the character limit, and a file of at most
 * {@link #MAX_BYTES} cannot exhaust the heap. Anything else, whatever its name says, is
 * left to the child.
 */
final class PlainTextReader {

	static final long MAX_BYTES = 1024 * 1024;

	private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/x-web-markdown");

	private static final List<String> TEXT_EXTENSIONS = List.of(".txt", ".text", ".md", ".markdown");

	private final MimeTypes types = MimeTypes.getDefaultMimeTypes();

	private final TXTParser parser = new TXTParser();

	/**
	 * Whether the file's name and size make it one this reader will likely take; its
	 * content decides.
	 */
	static boolean mayRead(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		try {
			return TEXT_EXTENSIONS.stream().anyMatch(name::endsWith) && Files.size(file) <= MAX_BYTES;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * The document, or empty when the file of {@code size} bytes is not a small
	 * plain-text file.
	 */
	Optional<RawDocument> read(Path file, long size, ParserLimits limits) throws ExtractionException {
		String name = file.getFileName().toString();
		String byName = this.types.getMimeType(name).getName();
		if (size > MAX_BYTES || !TEXT_TYPES.contains(byName)) {
			return Optional.empty();
		}
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
		try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
			// Magic bytes only: a PDF or a zip named .txt is not read here.
			if (!this.types.detect(stream, new Metadata()).equals(MediaType.TEXT_PLAIN)) {
				return Optional.empty();
			}
			FileType type = new FileType(byName, MediaType.TEXT_PLAIN.toString(),
					name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT), true, false);
			return Optional.of(TikaReader.cleaned(parse(stream, metadata, type, limits), type, limits));
		}
		catch (IOException ex) {
			throw new ExtractionException(Reasons.unreadable(ex), ex);
		}
	}

	private RawDocument parse(TikaInputStream stream, Metadata metadata, FileType type, ParserLimits limits)
			throws IOException, ExtractionException {
		BodyContentHandler handler = new BodyContentHandler(limits.maxCharacters());
		boolean truncated = false;
		try {
			this.parser.parse(stream, handler, metadata, new ParseContext());
		}
		catch (SAXException ex) {
			if (!WriteLimitReachedException.isWriteLimitReached(ex)) {
				throw new ExtractionException(Reasons.parseFailure(type, ex, limits.maxNestingDepth()), ex);
			}
			truncated = true;
		}
		catch (TikaException ex) {
			throw new ExtractionException(Reasons.parseFailure(type, ex, limits.maxNestingDepth()), ex);
		}
		return new RawDocument(handler.toString(), metadata.get(TikaCoreProperties.TITLE),
				metadata.get(TikaCoreProperties.CREATOR), null, type.mediaType(), truncated);
	}

}
