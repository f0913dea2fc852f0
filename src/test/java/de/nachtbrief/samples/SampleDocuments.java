package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the sample input articles in {@code input/} and the test documents in
 * {@code src/test/resources/documents/}, so that every binary sample in the repository is
 * made by code.
 *
 * <p>
 * Regenerate the sample input articles (run in the project directory):
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=de.nachtbrief.samples.SampleDocuments -Dexec.args=input
 * </pre>
 *
 * Regenerate the test documents for every claimed format plus the broken ones:
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=de.nachtbrief.samples.SampleDocuments -Dexec.args="--test-documents src/test/resources/documents"
 * </pre>
 *
 * The article texts live in {@code src/test/resources/samples/*.txt};
 * {@link TestDocuments} holds the short test article. Output is deterministic: text and
 * zip formats come out byte for byte the same, PDF and DOCX carry the article date
 * instead of the clock.
 */
public final class SampleDocuments {

	/** Each sample article and the one format it is published in under {@code input/}. */
	static final List<String> INPUT_FILES = List.of("warnstreik-nordtal-bahn.txt", "haushalt-kesselbrunn.html",
			"mikroplastik-hanffilter.docx", "suedwerk-quartalszahlen.pdf", "sv-kesselbrunn-aufstieg.md");

	private SampleDocuments() {
	}

	public static void main(String[] args) throws IOException {
		if (args.length == 2 && args[0].equals("--test-documents")) {
			TestDocuments.writeAll(Files.createDirectories(Path.of(args[1])));
		}
		else if (args.length == 1 && !args[0].startsWith("--")) {
			writeInputArticles(Files.createDirectories(Path.of(args[0])));
		}
		else {
			throw new IllegalArgumentException(
					"Usage: SampleDocuments <target-folder> | SampleDocuments --test-documents <target-folder>");
		}
	}

	/** Writes the five sample articles into {@code folder}, one format each. */
	public static void writeInputArticles(Path folder) throws IOException {
		for (String fileName : INPUT_FILES) {
			int dot = fileName.lastIndexOf('.');
			Article article = Article.load("/samples/" + fileName.substring(0, dot) + ".txt");
			write(article, fileName.substring(dot + 1), folder.resolve(fileName));
		}
	}

	/**
	 * Writes {@code article} in the format named by {@code extension} (without the dot).
	 */
	public static void write(Article article, String extension, Path target) throws IOException {
		switch (extension) {
			case "txt" -> writeTxt(article, TextFormats.WEB_CLUTTER, target);
			case "html" -> writeHtml(article, target);
			case "md" -> writeMarkdown(article, target);
			case "docx" -> writeDocx(article, target);
			case "pdf" -> writePdf(article, target);
			case "odt" -> writeOdt(article, target);
			case "rtf" -> writeRtf(article, target);
			case "epub" -> writeEpub(article, target);
			case "eml" -> writeEml(article, target);
			default -> throw new IllegalArgumentException("Unknown format: " + extension);
		}
	}

	/** UTF-8 text: headline, byline, paragraphs. */
	public static void writeTxt(Article article, Path target) throws IOException {
		TextFormats.writeTxt(article, List.of(), target);
	}

	/** UTF-8 text followed by lines of web clutter, as a copy from a news site looks. */
	public static void writeTxt(Article article, List<String> trailingClutter, Path target) throws IOException {
		TextFormats.writeTxt(article, trailingClutter, target);
	}

	/**
	 * A full news page: nav, cookie banner, newsletter box, teasers, footer around the
	 * {@code <article>}.
	 */
	public static void writeHtml(Article article, Path target) throws IOException {
		TextFormats.writeHtml(article, target);
	}

	/** Markdown with the headline as {@code #} heading. */
	public static void writeMarkdown(Article article, Path target) throws IOException {
		TextFormats.writeMarkdown(article, target);
	}

	/** Word (OOXML) through Apache POI; title and author in the document properties. */
	public static void writeDocx(Article article, Path target) throws IOException {
		DocxFormat.write(article, target);
	}

	/**
	 * PDF through PDFBox with real text; title and author in the document information.
	 */
	public static void writePdf(Article article, Path target) throws IOException {
		PdfFormat.write(article, target);
	}

	/** OpenDocument text. */
	public static void writeOdt(Article article, Path target) throws IOException {
		ZipFormats.writeOdt(article, target);
	}

	/** Rich Text Format with cp1252 escapes. */
	public static void writeRtf(Article article, Path target) throws IOException {
		RtfFormat.write(article, target);
	}

	/** EPUB 3 with one chapter. */
	public static void writeEpub(Article article, Path target) throws IOException {
		ZipFormats.writeEpub(article, target);
	}

	/** An e-mail (RFC 5322) with an encoded subject and a quoted-printable body. */
	public static void writeEml(Article article, Path target) throws IOException {
		EmlFormat.write(article, target);
	}

}
