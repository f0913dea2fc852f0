package de.nachtbrief.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Proves that the committed sample and test documents are real files of their format and
 * match the generator.
 */
class SampleDocumentsTests {

	private static final Path DOCUMENTS = Path.of("src/test/resources/documents");

	private static final Path INPUT = Path.of("input");

	private static final String[] KEY_PHRASES = { "Straßenbahn", "Größe", "Müller", "4,2 Millionen Euro" };

	@Test
	void pdfHasRealTextWithUmlautsAndSharpS() throws IOException {
		try (PDDocument pdf = Loader.loadPDF(DOCUMENTS.resolve("artikel.pdf").toFile())) {
			assertThat(normalized(new PDFTextStripper().getText(pdf))).contains(KEY_PHRASES).contains("„Die Größe");
			assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(TestDocuments.ARTICLE.title());
			assertThat(pdf.getDocumentInformation().getAuthor()).isEqualTo("Anna Berger");
		}
	}

	@Test
	void docxOpensWithPoiAndCarriesTitleAndAuthorInItsProperties() throws IOException {
		try (InputStream in = Files.newInputStream(DOCUMENTS.resolve("artikel.docx"));
				XWPFDocument docx = new XWPFDocument(in);
				XWPFWordExtractor extractor = new XWPFWordExtractor(docx)) {
			POIXMLProperties.CoreProperties core = docx.getProperties().getCoreProperties();
			assertThat(core.getTitle()).isEqualTo(TestDocuments.ARTICLE.title());
			assertThat(core.getCreator()).isEqualTo("Anna Berger");
			assertThat(normalized(extractor.getText())).contains(KEY_PHRASES);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "artikel.odt", "artikel.epub" })
	void zipContainersStartWithAnUncompressedMimetypeEntry(String name) throws IOException {
		try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(DOCUMENTS.resolve(name)))) {
			ZipEntry first = zip.getNextEntry();
			assertThat(first.getName()).isEqualTo("mimetype");
			assertThat(first.getMethod()).isEqualTo(ZipEntry.STORED);
			assertThat(new String(zip.readAllBytes(), StandardCharsets.US_ASCII))
				.isIn("application/vnd.oasis.opendocument.text", "application/epub+zip");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "pdf", "docx", "odt", "html", "txt", "md", "rtf", "epub", "eml" })
	void everyClaimedFormatYieldsTheArticleTextThroughTika(String extension) throws Exception {
		Metadata metadata = new Metadata();
		String text = tika(DOCUMENTS.resolve("artikel." + extension), metadata);
		assertThat(normalized(text)).contains(KEY_PHRASES);
		if (!List.of("txt", "md").contains(extension)) {
			assertThat(metadata.get(TikaCoreProperties.TITLE)).startsWith(TestDocuments.ARTICLE.title());
		}
	}

	@Test
	void latin1TextIsNotValidUtf8ButDecodesAsIso88591() throws IOException {
		byte[] bytes = Files.readAllBytes(DOCUMENTS.resolve("latin1.txt"));
		assertThatExceptionOfType(CharacterCodingException.class).isThrownBy(() -> StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.decode(ByteBuffer.wrap(bytes)));
		String text = new String(bytes, StandardCharsets.ISO_8859_1);
		assertThat(text).hasSizeGreaterThanOrEqualTo(300).contains("ß", "Größere", "Mühlenstraße");
	}

	@Test
	void utf16TextStartsWithLittleEndianByteOrderMark() throws IOException {
		byte[] bytes = Files.readAllBytes(DOCUMENTS.resolve("utf16.txt"));
		assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xFE);
		assertThat(new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE)).contains(KEY_PHRASES);
	}

	@Test
	void brokenDocumentsAreEmptyImageOnlyOrNotPdfAtAll() throws IOException {
		assertThat(DOCUMENTS.resolve("empty.txt")).isEmptyFile();
		try (PDDocument pdf = Loader.loadPDF(DOCUMENTS.resolve("image-only.pdf").toFile())) {
			assertThat(pdf.getNumberOfPages()).isEqualTo(1);
			assertThat(new PDFTextStripper().getText(pdf)).isBlank();
		}
		assertThat(Files.size(DOCUMENTS.resolve("random-bytes.pdf"))).isGreaterThanOrEqualTo(2048);
		assertThatIOException().isThrownBy(() -> Loader.loadPDF(DOCUMENTS.resolve("random-bytes.pdf").toFile()));
	}

	@Test
	void englishTextIsLongEnoughForLanguageDetection() throws IOException {
		assertThat(Files.readString(DOCUMENTS.resolve("english.txt"))).hasSizeGreaterThanOrEqualTo(300)
			.contains("The city council");
	}

	@Test
	void sampleArticlesAreLongQuotedGermanNews() {
		for (String fileName : SampleDocuments.INPUT_FILES) {
			Article article = Article.load("/samples/" + fileName.replaceAll("\\.\\w+$", ".txt"));
			String text = String.join(" ", article.paragraphs());
			assertThat(text.split("\\s+").length).as(fileName).isBetween(350, 700);
			assertThat(text.split("„", -1).length - 1).as(fileName).isGreaterThanOrEqualTo(2);
			assertThat(text).as(fileName).contains("z. B.", "Dr.", "Nr.", "ca.", "u. a.");
		}
	}

	@Test
	void inputHoldsEachSampleArticleInItsFormat() throws Exception {
		try (Stream<Path> files = Files.list(INPUT)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsAll(SampleDocuments.INPUT_FILES);
		}
		for (String fileName : SampleDocuments.INPUT_FILES) {
			assertThat(normalized(tika(INPUT.resolve(fileName), new Metadata()))).as(fileName).contains("„");
		}
	}

	@Test
	void regeneratingTestDocumentsReproducesTheCommittedOnes(@TempDir Path folder) throws IOException {
		TestDocuments.writeAll(folder);
		assertSameDocuments(folder, DOCUMENTS);
	}

	@Test
	void regeneratingInputReproducesTheCommittedSamples(@TempDir Path folder) throws IOException {
		SampleDocuments.writeInputArticles(folder);
		assertSameDocuments(folder, INPUT);
	}

	private static void assertSameDocuments(Path generated, Path committed) throws IOException {
		try (Stream<Path> files = Files.list(generated)) {
			for (Path file : files.sorted().toList()) {
				Path committedFile = committed.resolve(file.getFileName().toString());
				assertThat(committedFile).exists();
				assertThat(DocumentContent.of(file))
					.as("%s differs from a fresh generation; regenerate it (see SampleDocuments)", committedFile)
					.isEqualTo(DocumentContent.of(committedFile));
			}
		}
	}

	private static String tika(Path file, Metadata metadata) throws Exception {
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
		BodyContentHandler handler = new BodyContentHandler(-1);
		try (InputStream in = Files.newInputStream(file)) {
			new AutoDetectParser().parse(in, handler, metadata, new ParseContext());
		}
		return handler.toString();
	}

	private static String normalized(String text) {
		return text.replaceAll("\\s+", " ");
	}

}
