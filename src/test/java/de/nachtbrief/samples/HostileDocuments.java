package de.nachtbrief.samples;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Binary members of the {@link AdversarialCorpus}: noise, cut-off and password-protected
 * documents, an image in disguise and a zip bomb that is small on disk.
 */
final class HostileDocuments {

	private static final String PASSWORD = "Redaktion2025";

	private HostileDocuments() {
	}

	static void writeRandomBytes(Path target) throws IOException {
		byte[] noise = new byte[16_384];
		new Random(target.getFileName().toString().hashCode()).nextBytes(noise);
		Files.write(target, noise);
	}

	/**
	 * A real multi-page PDF cut off after half its bytes, as an interrupted download
	 * leaves it.
	 */
	static void writeTruncatedPdf(Path target) throws IOException {
		PdfFormat.write(Article.load("/samples/haushalt-kesselbrunn.txt"), target);
		byte[] whole = Files.readAllBytes(target);
		Files.write(target, Arrays.copyOf(whole, whole.length / 2));
	}

	/** A PDF that opens only with a user password (AES-256). */
	static void writeEncryptedPdf(Path target) throws IOException {
		PdfFormat.write(TestDocuments.ARTICLE, target);
		try (PDDocument document = Loader.loadPDF(target.toFile())) {
			StandardProtectionPolicy policy = new StandardProtectionPolicy(PASSWORD + "-owner", PASSWORD,
					new AccessPermission());
			policy.setEncryptionKeyLength(256);
			document.protect(policy);
			document.save(target.toFile());
		}
	}

	static void writePng(Path target) throws IOException {
		BufferedImage image = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(new Color(30, 90, 160));
		graphics.fillRect(0, 0, 200, 120);
		graphics.dispose();
		ImageIO.write(image, "png", target.toFile());
	}

	/**
	 * A DOCX whose {@code word/document.xml} holds {@code characters} times the same
	 * letter: a few hundred kilobytes on disk, hundreds of megabytes once unpacked.
	 */
	static void writeZipBombDocx(Path target, long characters) throws IOException {
		DocxFormat.write(TestDocuments.ARTICLE, target);
		byte[] original = Files.readAllBytes(target);
		byte[] letters = "a".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(original));
				ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				zip.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals("word/document.xml")) {
					zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w="
							+ "\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>")
						.getBytes(StandardCharsets.UTF_8));
					for (long written = 0; written < characters; written += letters.length) {
						zip.write(letters);
					}
					zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
				}
				else {
					in.transferTo(zip);
				}
				zip.closeEntry();
			}
		}
	}

	/**
	 * A DOCX encrypted with Office's agile encryption: an OLE2 container with the
	 * encrypted package inside.
	 */
	static void writeEncryptedDocx(Path target) throws IOException {
		DocxFormat.write(TestDocuments.ARTICLE, target);
		byte[] plain = Files.readAllBytes(target);
		try (POIFSFileSystem container = new POIFSFileSystem()) {
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword(PASSWORD);
			try (OutputStream encrypted = encryptor.getDataStream(container)) {
				encrypted.write(plain);
			}
			catch (GeneralSecurityException ex) {
				throw new IOException("Could not encrypt the DOCX", ex);
			}
			try (OutputStream out = Files.newOutputStream(target)) {
				container.writeFilesystem(out);
			}
		}
	}

	/** A zip with {@code count} short German notes, more than the extractor follows. */
	static void writeManyFilesZip(Path target, int count) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(target))) {
			for (int i = 1; i <= count; i++) {
				zip.putNextEntry(new ZipEntry("notiz-%03d.txt".formatted(i)));
				zip.write(("Notiz %d: Der Ortsbeirat tagt am Donnerstag im Bürgerhaus.%n".formatted(i))
					.getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
	}

	/** A zip in a zip in a zip, {@code depth} times, with the only text at the bottom. */
	static void writeNestedZip(Path target, int depth) throws IOException {
		byte[] content = "Der Ortsbeirat tagt am Donnerstag im Bürgerhaus.\n".getBytes(StandardCharsets.UTF_8);
		String name = "notiz.txt";
		for (int level = depth; level > 0; level--) {
			ByteArrayOutputStream archive = new ByteArrayOutputStream();
			try (ZipOutputStream zip = new ZipOutputStream(archive)) {
				zip.putNextEntry(new ZipEntry(name));
				zip.write(content);
				zip.closeEntry();
			}
			content = archive.toByteArray();
			name = "ebene-" + level + ".zip";
		}
		Files.write(target, content);
	}

	/** A DOCX cut off after half its bytes: the zip's central directory is missing. */
	static void writeTruncatedDocx(Path target) throws IOException {
		DocxFormat.write(Article.load("/samples/mikroplastik-hanffilter.txt"), target);
		byte[] whole = Files.readAllBytes(target);
		Files.write(target, Arrays.copyOf(whole, whole.length / 2));
	}

}
