package de.nachtbrief.extract;

import java.io.IOException;
import java.io.InputStream;

import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Follows embedded files (mail attachments, files inside archives and office documents)
 * only up to a count and a depth; the ones beyond are skipped and the document is marked
 * truncated. One instance per parse.
 */
final class EmbeddedLimits extends ParsingEmbeddedDocumentExtractor {

	private final int maxDocuments;

	private final int maxDepth;

	private int documents;

	private int depth;

	private boolean limitReached;

	EmbeddedLimits(ParseContext context, int maxDocuments, int maxDepth) {
		super(context);
		// Names of files inside an archive are not text to brief.
		setWriteFileNameToContent(false);
		this.maxDocuments = maxDocuments;
		this.maxDepth = maxDepth;
	}

	@Override
	public boolean shouldParseEmbedded(Metadata metadata) {
		return withinLimits() && super.shouldParseEmbedded(metadata);
	}

	@Override
	public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
			throws SAXException, IOException {
		// Some parsers skip shouldParseEmbedded, so the limits are checked here as well.
		if (!withinLimits()) {
			return;
		}
		this.documents++;
		this.depth++;
		try {
			super.parseEmbedded(stream, handler, metadata, outputHtml);
		}
		finally {
			this.depth--;
		}
	}

	boolean limitReached() {
		return this.limitReached;
	}

	private boolean withinLimits() {
		if (this.documents >= this.maxDocuments || this.depth >= this.maxDepth) {
			this.limitReached = true;
			return false;
		}
		return true;
	}

}
