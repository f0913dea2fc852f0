package de.nachtbrief.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

import de.nachtbrief.text.ClutterFilter;

/**
 * Reads one file with Apache Tika: detects its type, extracts text and metadata, removes page clutter, detects the
 * language. Each call gets its own handler, metadata and context, so one instance serves many threads.
 */
public class DocumentExtractor {

	private final TikaConfig tika = TikaConfig.getDefaultConfig();

	private final Parser parser = new AutoDetectParser(this.tika);

	private final Detector detector = this.tika.getDetector();

	private final LanguageGuess languages = new LanguageGuess();

	private final int maxCharacters;

	/** @param maxCharacters text beyond this many characters is cut off and the document marked truncated */
	public DocumentExtractor(int maxCharacters) {
		this.maxCharacters = maxCharacters;
	}

	public ExtractedDocument extract(Path file) throws ExtractionException {
		if (!Files.isRegularFile(file)) {
			throw new ExtractionException("not a regular file");
		}
		if (sizeOf(file) == 0) {
			throw new ExtractionException("the file is empty (0 bytes); there is no text to brief");
		}
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
		try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
			MediaType type = this.detector.detect(stream, metadata);
			String mediaType = type.getBaseType().toString();
			Raw raw = isHtml(type) ? readHtml(stream, metadata) : parse(stream, metadata);
			String text = ClutterFilter.clean(raw.text());
			if (text.isBlank()) {
				throw new ExtractionException(noTextReason(mediaType));
			}
			return new ExtractedDocument(text, raw.title(), raw.author(), raw.date(), mediaType,
					this.languages.of(text), raw.truncated());
		}
		catch (EncryptedDocumentException ex) {
			throw new ExtractionException("the file is encrypted or password-protected; save an unprotected copy", ex);
		}
		catch (TikaException ex) {
			throw new ExtractionException("the file could not be parsed (damaged, truncated or not what its name says): "
					+ rootMessage(ex), ex);
		}
		catch (IOException ex) {
			throw new ExtractionException("the file could not be read: " + rootMessage(ex), ex);
		}
	}

	private record Raw(String text, String title, String author, String date, boolean truncated) {
	}

	private Raw parse(InputStream stream, Metadata metadata) throws IOException, TikaException {
		BodyContentHandler handler = new BodyContentHandler(this.maxCharacters);
		boolean truncated = false;
		try {
			this.parser.parse(stream, handler, metadata, new ParseContext());
		}
		catch (org.xml.sax.SAXException ex) {
			if (!WriteLimitReachedException.isWriteLimitReached(ex)) {
				throw new TikaException("malformed content: " + ex.getMessage(), ex);
			}
			truncated = true;
		}
		return new Raw(handler.toString(), metadata.get(TikaCoreProperties.TITLE),
				metadata.get(TikaCoreProperties.CREATOR), date(metadata), truncated);
	}

	private Raw readHtml(InputStream stream, Metadata metadata) throws IOException, TikaException {
		try (AutoDetectReader reader = new AutoDetectReader(stream, metadata)) {
			HtmlArticle.Page page = HtmlArticle.read(readAtMost(reader, this.maxCharacters * 4L));
			boolean truncated = page.text().length() > this.maxCharacters;
			String text = truncated ? page.text().substring(0, this.maxCharacters) : page.text();
			return new Raw(text, page.title(), page.author(), page.date(), truncated);
		}
	}

	private static String readAtMost(AutoDetectReader reader, long limit) throws IOException {
		StringBuilder html = new StringBuilder();
		char[] buffer = new char[8192];
		int read;
		while ((read = reader.read(buffer)) != -1 && html.length() < limit) {
			html.append(buffer, 0, read);
		}
		return html.toString();
	}

	private static long sizeOf(Path file) throws ExtractionException {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new ExtractionException("the file could not be read: " + ex.getMessage(), ex);
		}
	}

	private static boolean isHtml(MediaType type) {
		String base = type.getBaseType().toString();
		return base.equals("text/html") || base.equals("application/xhtml+xml");
	}

	private static String date(Metadata metadata) {
		String created = metadata.get(TikaCoreProperties.CREATED);
		return created != null ? created : metadata.get(TikaCoreProperties.MODIFIED);
	}

	private static String noTextReason(String mediaType) {
		if (mediaType.equals("application/pdf")) {
			return "the PDF has no text layer (image-only or scanned); it needs OCR before it can be briefed";
		}
		if (mediaType.startsWith("image/")) {
			return "the file is an image (" + mediaType + "); it needs OCR before it can be briefed";
		}
		return "the file contains no text (" + mediaType + ")";
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
	}

}
