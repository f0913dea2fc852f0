package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Looks into a zip-based file (DOCX, ODT, EPUB, ZIP) before any parser unpacks it. A
 * single text run of hundreds of megabytes is built in memory before Tika's output-based
 * zip-bomb check sees a character, so the entry sizes the archive declares are checked
 * first. A lying archive still meets the parser's own checks and the child's limits.
 */
final class ZipBombCheck {

	/** Entries below this size are harmless whatever their ratio. */
	private static final long SMALL_ENTRY = 1_000_000;

	private ZipBombCheck() {
	}

	static void check(Path file, int maxCompressionRatio) throws ExtractionException {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				long size = entry.getSize();
				long compressed = entry.getCompressedSize();
				if (size > SMALL_ENTRY && compressed > 0 && size / compressed > maxCompressionRatio) {
					throw new ExtractionException(Reasons.ZIP_BOMB);
				}
			}
		}
		catch (IOException ex) {
			// Not a readable zip after all: the parser reports what is wrong with it.
		}
	}

}
