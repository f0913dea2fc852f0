package de.nachtbrief.samples;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes PDFs with PDFBox: a text PDF in Helvetica (WinAnsiEncoding covers äöüß„“–, and a
 * Standard 14 font needs no font file on the machine) and an image-only page without any
 * text.
 */
final class PdfFormat {

	private static final float MARGIN = 60;

	private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

	private PdfFormat() {
	}

	static void write(Article article, Path target) throws IOException {
		PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
		PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
		PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
		try (PDDocument document = new PDDocument()) {
			describe(document, article);
			List<Line> lines = new ArrayList<>();
			lines.addAll(wrap(article.title(), bold, 17, 22));
			lines.addAll(wrap(article.byline(), italic, 10, 24));
			lines.add(new Line("", regular, 11, 8));
			for (String paragraph : article.paragraphs()) {
				lines.addAll(wrap(paragraph, regular, 11, 15));
				lines.add(new Line("", regular, 11, 8));
			}
			layOut(document, lines);
			save(document, target);
		}
	}

	static void writeImageOnly(Article article, Path target) throws IOException {
		try (PDDocument document = new PDDocument()) {
			describe(document, article);
			PDPage page = new PDPage(PDRectangle.A4);
			document.addPage(page);
			BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
			for (int x = 0; x < image.getWidth(); x++) {
				for (int y = 0; y < image.getHeight(); y++) {
					image.setRGB(x, y, new Color(2 * x, 3 * y, 160).getRGB());
				}
			}
			PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.setNonStrokingColor(0.85f, 0.85f, 0.85f);
				content.addRect(MARGIN, 420, WIDTH, 320);
				content.fill();
				content.drawImage(xobject, MARGIN + 40, 480, 360, 240);
			}
			save(document, target);
		}
	}

	private static void describe(PDDocument document, Article article) {
		PDDocumentInformation info = document.getDocumentInformation();
		info.setTitle(article.title());
		info.setAuthor(article.author());
		info.setCreator("Nachtbrief SampleDocuments");
		Calendar created = new GregorianCalendar(TimeZone.getTimeZone("Europe/Berlin"));
		created.clear();
		created.set(article.date().getYear(), article.date().getMonthValue() - 1, article.date().getDayOfMonth(), 6, 0);
		info.setCreationDate(created);
		info.setModificationDate(created);
		// PDFBox derives the trailer /ID from the clock unless one is set.
		COSArray id = new COSArray();
		COSString digest = new COSString(md5(article.title() + '\n' + article.author() + '\n' + article.date()));
		id.add(digest);
		id.add(digest);
		document.getDocument().getTrailer().setItem(COSName.ID, id);
	}

	private static void layOut(PDDocument document, List<Line> lines) throws IOException {
		PDPageContentStream content = null;
		float y = 0;
		try {
			for (Line line : lines) {
				if (content == null || y - line.leading() < MARGIN) {
					if (content != null) {
						content.close();
					}
					PDPage page = new PDPage(PDRectangle.A4);
					document.addPage(page);
					content = new PDPageContentStream(document, page);
					y = PDRectangle.A4.getHeight() - MARGIN;
				}
				y -= line.leading();
				if (!line.text().isEmpty()) {
					content.beginText();
					content.setFont(line.font(), line.size());
					content.newLineAtOffset(MARGIN, y);
					content.showText(line.text());
					content.endText();
				}
			}
		}
		finally {
			if (content != null) {
				content.close();
			}
		}
	}

	private static List<Line> wrap(String text, PDType1Font font, float size, float leading) throws IOException {
		List<Line> lines = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String word : text.split(" ")) {
			String candidate = current.isEmpty() ? word : current + " " + word;
			if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > WIDTH) {
				lines.add(new Line(current.toString(), font, size, leading));
				current = new StringBuilder(word);
			}
			else {
				current = new StringBuilder(candidate);
			}
		}
		lines.add(new Line(current.toString(), font, size, leading));
		return lines;
	}

	private static void save(PDDocument document, Path target) throws IOException {
		try (OutputStream out = Files.newOutputStream(target)) {
			document.save(out);
		}
	}

	private static byte[] md5(String text) {
		try {
			return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Line(String text, PDType1Font font, float size, float leading) {
	}

}
