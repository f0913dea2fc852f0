package de.nachtbrief.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zip-container formats ODT (OpenDocument 1.3) and EPUB 3: an uncompressed
 * {@code mimetype} entry first, then XML parts, all with fixed timestamps so that
 * regenerating gives identical bytes.
 */
final class ZipFormats {

	private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2025, 1, 1, 0, 0);

	private ZipFormats() {
	}

	static void writeOdt(Article article, Path target) throws IOException {
		String meta = """
				<?xml version="1.0" encoding="UTF-8"?>
				<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
				xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3">
				<office:meta>
				<meta:generator>Nachtbrief SampleDocuments</meta:generator>
				<dc:title>%s</dc:title>
				<dc:creator>%s</dc:creator>
				<meta:initial-creator>%2$s</meta:initial-creator>
				<dc:language>de-DE</dc:language>
				<meta:creation-date>%3$sT06:00:00</meta:creation-date>
				<dc:date>%3$sT06:00:00</dc:date>
				</office:meta>
				</office:document-meta>
				"""
			.formatted(Markup.escape(article.title()), Markup.escape(article.author()), article.date());
		StringBuilder body = new StringBuilder();
		body.append("<text:h text:outline-level=\"1\">").append(Markup.escape(article.title())).append("</text:h>\n");
		body.append("<text:p>").append(Markup.escape(article.byline())).append("</text:p>\n");
		for (String paragraph : article.paragraphs()) {
			body.append("<text:p>").append(Markup.escape(paragraph)).append("</text:p>\n");
		}
		String content = """
				<?xml version="1.0" encoding="UTF-8"?>
				<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
				xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
				<office:body>
				<office:text>
				%s</office:text>
				</office:body>
				</office:document-content>
				""".formatted(body);
		String manifest = """
				<?xml version="1.0" encoding="UTF-8"?>
				<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
				<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
				<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
				<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
				</manifest:manifest>
				""";
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
			putStored(zip, "mimetype", "application/vnd.oasis.opendocument.text");
			put(zip, "content.xml", content);
			put(zip, "meta.xml", meta);
			put(zip, "META-INF/manifest.xml", manifest);
		}
	}

	static void writeEpub(Article article, Path target) throws IOException {
		String id = "urn:uuid:" + UUID.nameUUIDFromBytes(article.title().getBytes(StandardCharsets.UTF_8));
		String container = """
				<?xml version="1.0" encoding="UTF-8"?>
				<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
				<rootfiles>
				<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
				</rootfiles>
				</container>
				""";
		String opf = """
				<?xml version="1.0" encoding="UTF-8"?>
				<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="de">
				<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
				<dc:identifier id="book-id">%s</dc:identifier>
				<dc:title>%s</dc:title>
				<dc:creator>%s</dc:creator>
				<dc:language>de</dc:language>
				<dc:date>%s</dc:date>
				<meta property="dcterms:modified">2025-01-01T00:00:00Z</meta>
				</metadata>
				<manifest>
				<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
				<item id="artikel" href="artikel.xhtml" media-type="application/xhtml+xml"/>
				</manifest>
				<spine>
				<itemref idref="artikel"/>
				</spine>
				</package>
				""".formatted(id, Markup.escape(article.title()), Markup.escape(article.author()), article.date());
		String nav = xhtml(article.title(), """
				<nav epub:type="toc" id="toc">
				<ol><li><a href="artikel.xhtml">%s</a></li></ol>
				</nav>
				""".formatted(Markup.escape(article.title())));
		StringBuilder body = new StringBuilder();
		body.append("<h1>").append(Markup.escape(article.title())).append("</h1>\n");
		body.append("<p class=\"byline\">").append(Markup.escape(article.byline())).append("</p>\n");
		for (String paragraph : article.paragraphs()) {
			body.append("<p>").append(Markup.escape(paragraph)).append("</p>\n");
		}
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
			putStored(zip, "mimetype", "application/epub+zip");
			put(zip, "META-INF/container.xml", container);
			put(zip, "OEBPS/content.opf", opf);
			put(zip, "OEBPS/nav.xhtml", nav);
			put(zip, "OEBPS/artikel.xhtml", xhtml(article.title(), body.toString()));
		}
	}

	/** Copies a zip archive entry by entry, in the same order, with fixed entry times. */
	static void repack(byte[] archive, Path target) throws IOException {
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
				ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				write(zip, new ZipEntry(entry.getName()), in.readAllBytes());
			}
		}
	}

	private static String xhtml(String title, String body) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<!DOCTYPE html>
				<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="de" lang="de">
				<head><meta charset="UTF-8"/><title>%s</title></head>
				<body>
				%s</body>
				</html>
				"""
			.formatted(Markup.escape(title), body);
	}

	/**
	 * Both specs require the mimetype entry to be first and uncompressed so it can be
	 * sniffed at a fixed offset.
	 */
	private static void putStored(ZipOutputStream zip, String name, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		ZipEntry entry = new ZipEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(bytes.length);
		entry.setCompressedSize(bytes.length);
		entry.setCrc(crc.getValue());
		write(zip, entry, bytes);
	}

	private static void put(ZipOutputStream zip, String name, String text) throws IOException {
		write(zip, new ZipEntry(name), text.getBytes(StandardCharsets.UTF_8));
	}

	private static void write(ZipOutputStream zip, ZipEntry entry, byte[] bytes) throws IOException {
		// Local time without a zone keeps the DOS timestamp the same on every machine.
		entry.setTimeLocal(FIXED_TIME);
		zip.putNextEntry(entry);
		zip.write(bytes);
		zip.closeEntry();
	}

}
