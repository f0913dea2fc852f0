package de.nachtbrief.samples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * What two generated documents must agree on: the bytes of text formats, the uncompressed
 * entries of zip containers and the text and document information of PDFs. Compression
 * output may differ between zlib builds, so it is left out.
 */
final class DocumentContent {

	private DocumentContent() {
	}

	static String of(Path file) throws IOException {
		byte[] bytes = Files.readAllBytes(file);
		if (isZip(bytes)) {
			return zipEntries(bytes);
		}
		if (file.getFileName().toString().endsWith(".pdf")) {
			try (PDDocument document = Loader.loadPDF(bytes)) {
				return pdf(document);
			}
			catch (IOException ex) {
				// Not a PDF at all (the random-bytes fixture): its bytes are the content.
			}
		}
		// ISO-8859-1 maps every byte to one character, so this is lossless and a mismatch
		// still reads as text.
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	static String pdf(PDDocument document) throws IOException {
		PDDocumentInformation info = document.getDocumentInformation();
		return "pages: " + document.getNumberOfPages() + "\ntitle: " + info.getTitle() + "\nauthor: " + info.getAuthor()
				+ "\ncreated: " + info.getCreationDate().toInstant() + "\n" + new PDFTextStripper().getText(document);
	}

	private static String zipEntries(byte[] bytes) throws IOException {
		StringBuilder out = new StringBuilder();
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				out.append("== ").append(entry.getName()).append('\n');
				out.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
			}
		}
		return out.toString();
	}

	private static boolean isZip(byte[] bytes) {
		return bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
	}

}
