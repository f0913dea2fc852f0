package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.utils.XMLReaderUtils;
import org.xml.sax.SAXException;

import de.nachtbrief.text.ClutterFilter;

/**
 * Reads one file with Apache Tika (web pages with jsoup) inside hard limits: characters,
 * embedded files, zip-bomb ratio, nesting depth, XML entity expansions. Runs in the child
 * JVM; each call gets its own parser, handler and context, so one instance serves many
 * threads.
 */
final class TikaReader {

	/**
	 * Characters a document may produce before the zip-bomb ratio is checked; Tika's own
	 * default.
	 */
	private static final long ZIP_BOMB_THRESHOLD = 1_000_000;

	private static final int MAX_ENTITY_EXPANSIONS = 20;

	private final TikaConfig tika = TikaConfig.getDefaultConfig();

	TikaReader() {
		// External entities are never resolved by Tika's pooled XML readers; this caps
		// the internal ones too.
		XMLReaderUtils.setMaxEntityExpansions(MAX_ENTITY_EXPANSIONS);
	}

	RawDocument read(Path file, ParserLimits limits) throws ExtractionException {
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
		try (TikaInputStream stream = TikaInputStream.get(file, metadata)) {
			FileType type = FileType.detect(this.tika, stream, metadata, file);
			if (type.zipBased()) {
				ZipBombCheck.check(file, limits.maxCompressionRatio());
			}
			RawDocument raw;
			try {
				raw = type.isHtml() ? readHtml(stream, metadata, type, limits) : parse(stream, metadata, type, limits);
			}
			catch (TikaException | SAXException | IOException | StackOverflowError ex) {
				throw new ExtractionException(Reasons.parseFailure(type, ex, limits.maxNestingDepth()), ex);
			}
			return cleaned(raw, type, limits);
		}
		catch (IOException ex) {
			throw new ExtractionException(Reasons.unreadable(ex), ex);
		}
	}

	/** The text without page clutter; a document left with none fails with the reason. */
	static RawDocument cleaned(RawDocument raw, FileType type, ParserLimits limits) throws ExtractionException {
		String text = ClutterFilter.clean(raw.text());
		if (text.isBlank()) {
			throw new ExtractionException(
					raw.truncated() ? Reasons.beyondEmbeddedLimits(limits) : Reasons.noText(type));
		}
		return new RawDocument(text, raw.title(), raw.author(), raw.date(), raw.mediaType(), raw.truncated());
	}

	private RawDocument parse(TikaInputStream stream, Metadata metadata, FileType type, ParserLimits limits)
			throws IOException, SAXException, TikaException {
		AutoDetectParser parser = new AutoDetectParser(this.tika);
		parser.setAutoDetectParserConfig(new AutoDetectParserConfig(null, ZIP_BOMB_THRESHOLD,
				(long) limits.maxCompressionRatio(), limits.maxNestingDepth(), limits.maxEmbeddedDepth() + 2));
		ParseContext context = new ParseContext();
		context.set(Parser.class, parser);
		EmbeddedLimits embedded = new EmbeddedLimits(context, limits.maxEmbeddedDocuments(), limits.maxEmbeddedDepth());
		context.set(EmbeddedDocumentExtractor.class, embedded);
		BodyContentHandler handler = new BodyContentHandler(limits.maxCharacters());
		boolean truncated = false;
		try {
			parser.parse(stream, handler, metadata, context);
		}
		catch (SAXException ex) {
			if (!WriteLimitReachedException.isWriteLimitReached(ex)) {
				throw ex;
			}
			truncated = true;
		}
		return new RawDocument(handler.toString(), metadata.get(TikaCoreProperties.TITLE),
				metadata.get(TikaCoreProperties.CREATOR), date(metadata), type.mediaType(),
				truncated || embedded.limitReached());
	}

	private RawDocument readHtml(TikaInputStream stream, Metadata metadata, FileType type, ParserLimits limits)
			throws IOException, TikaException, ExtractionException {
		try (AutoDetectReader reader = new AutoDetectReader(CloseShieldInputStream.wrap(stream), metadata)) {
			HtmlArticle.Page page = HtmlArticle.read(readAtMost(reader, limits.maxCharacters() * 4L),
					limits.maxNestingDepth());
			boolean truncated = page.text().length() > limits.maxCharacters();
			String text = truncated ? page.text().substring(0, limits.maxCharacters()) : page.text();
			return new RawDocument(text, page.title(), page.author(), page.date(), type.mediaType(), truncated);
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

	private static String date(Metadata metadata) {
		String created = metadata.get(TikaCoreProperties.CREATED);
		return created != null ? created : metadata.get(TikaCoreProperties.MODIFIED);
	}

}
