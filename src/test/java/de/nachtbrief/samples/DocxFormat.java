package de.nachtbrief.samples;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Writes a Word document with Apache POI, title and author in the core document
 * properties.
 */
final class DocxFormat {

	private DocxFormat() {
	}

	static void write(Article article, Path target) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (XWPFDocument document = new XWPFDocument()) {
			POIXMLProperties.CoreProperties core = document.getProperties().getCoreProperties();
			core.setTitle(article.title());
			core.setCreator(article.author());
			core.setLastModifiedByUser(article.author());
			// POI stamps "now" otherwise; the article date keeps regenerated files
			// comparable.
			Date created = Date.from(article.date().atTime(6, 0).toInstant(ZoneOffset.UTC));
			core.setCreated(Optional.of(created));
			core.setModified(Optional.of(created));
			document.getProperties().getExtendedProperties().setApplication("Nachtbrief SampleDocuments");

			XWPFRun title = document.createParagraph().createRun();
			title.setBold(true);
			title.setFontSize(18);
			title.setText(article.title());
			XWPFRun byline = document.createParagraph().createRun();
			byline.setItalic(true);
			byline.setText(article.byline());
			for (String text : article.paragraphs()) {
				XWPFParagraph paragraph = document.createParagraph();
				paragraph.setSpacingAfter(200);
				paragraph.createRun().setText(text);
			}
			document.write(out);
		}
		// POI stamps each zip entry with the current time; fixed entry times make the
		// file reproducible.
		ZipFormats.repack(out.toByteArray(), target);
	}

}
