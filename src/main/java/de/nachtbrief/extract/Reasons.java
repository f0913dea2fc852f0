package de.nachtbrief.extract;

import java.time.Duration;
import java.util.Locale;

/**
 * Why a file yields no text, in words an editor understands, with what to do where there
 * is something to do. The texts end up in the run report, never in the log together with
 * document text.
 */
final class Reasons {

	static final String NOT_A_FILE = "not a regular file";

	static final String EMPTY = "the file is empty (0 bytes); there is no text to brief";

	static final String BLANK = "the file contains only spaces, line breaks or invisible characters; "
			+ "there is no text to brief";

	static final String ENCRYPTED = "the file is encrypted or password-protected; save an unprotected copy "
			+ "and put that in the input folder";

	static final String ZIP_BOMB = "the file unpacks to far more data than its size suggests (a zip bomb); "
			+ "it was not read — ask the sender for the original document";

	static final String ENTITY_BOMB = "the file defines XML entities that expand without end "
			+ "(a \"billion laughs\" attack); it was not read";

	static final String UNSUPPORTED = "not a document format Nachtbrief can read";

	private static final String OCTET_STREAM = "application/octet-stream";

	private Reasons() {
	}

	static String tooDeep(int maxNestingDepth) {
		return "the document is nested more than " + maxNestingDepth
				+ " levels deep; it is damaged or built to break readers and was not read";
	}

	static String beyondEmbeddedLimits(ParserLimits limits) {
		return "the text is in embedded files beyond the limits (" + limits.maxEmbeddedDocuments() + " files, nested "
				+ limits.maxEmbeddedDepth() + " deep); unpack the archive and add its files";
	}

	static String timeout(Duration limit) {
		return "the parser did not finish within " + seconds(limit)
				+ "; the file may be malformed — try saving it again, e.g. as PDF";
	}

	static String outOfMemory(String maxHeap) {
		return "the parser ran out of memory (limit " + maxHeap
				+ "); the file is very large or malformed — split it or raise the parser memory";
	}

	static String crashed(int exitCode) {
		return "the parser crashed (exit code " + exitCode + "); the file may be malformed";
	}

	static String failed(Throwable ex) {
		return "the parser failed on this file (" + ex.getClass().getSimpleName() + "); the file may be malformed";
	}

	/** Reason for a file that was parsed but holds no text. */
	static String noText(FileType type) {
		String mediaType = type.mediaType();
		if (mediaType.equals("application/pdf")) {
			return "the PDF has no text layer (image-only or scanned); it needs OCR before it can be briefed";
		}
		if (mediaType.startsWith("image/")) {
			String name = type.extensionMatches() ? "" : " although its name ends in ." + type.extension();
			return "the file is an image (" + mediaType + ")" + name + "; it needs OCR before it can be briefed";
		}
		if (mediaType.equals(OCTET_STREAM)) {
			return unsupported(type);
		}
		if (mediaType.startsWith("text/")) {
			return BLANK;
		}
		return "the file contains no text (" + mediaType + ")";
	}

	/** Reason for a file the parser gave up on; {@code ex} is the parser's exception. */
	static String parseFailure(FileType type, Throwable ex, int maxNestingDepth) {
		if (causedBy(ex, "EncryptedDocumentException")) {
			return ENCRYPTED;
		}
		String messages = messagesOf(ex).toLowerCase(Locale.ROOT);
		if (messages.contains("levels of xml element nesting") || messages.contains("maxelementdepth")
				|| messages.contains("jaxp00010006") || causedBy(ex, "StackOverflowError")) {
			return tooDeep(maxNestingDepth);
		}
		if (messages.contains("entity expansion") || messages.contains("jaxp00010001")
				|| messages.contains("jaxp00010004")) {
			return ENTITY_BOMB;
		}
		if (messages.contains("zip bomb") || causedBy(ex, "TikaMemoryLimitException")) {
			return ZIP_BOMB;
		}
		if (type.contentType().equals(OCTET_STREAM)) {
			return "the file could not be parsed: " + unsupported(type);
		}
		return "the file could not be parsed (damaged, truncated or not what its name says): " + rootMessage(ex)
				+ " — ask for a fresh copy of the file";
	}

	static String unreadable(Throwable ex) {
		return "the file could not be read: " + rootMessage(ex);
	}

	private static String unsupported(FileType type) {
		String name = type.extension().isEmpty() ? ""
				: " — its name ends in ." + type.extension() + ", but it is not what its name says";
		return UNSUPPORTED + " (" + type.contentType() + ")" + name;
	}

	private static boolean causedBy(Throwable ex, String simpleName) {
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			if (cause.getClass().getSimpleName().equals(simpleName)) {
				return true;
			}
		}
		return false;
	}

	private static String messagesOf(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = next(cause)) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (next(root) != null) {
			root = next(root);
		}
		return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
	}

	private static Throwable next(Throwable ex) {
		return ex.getCause() != ex ? ex.getCause() : null;
	}

	private static String seconds(Duration limit) {
		return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
	}

}
