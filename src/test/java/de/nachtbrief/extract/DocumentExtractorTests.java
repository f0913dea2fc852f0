package de.nachtbrief.extract;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Extraction over small real files of every format the service claims to read, plus
 * broken ones.
 */
class DocumentExtractorTests {

	private static final Path DOCUMENTS = Path.of("src/test/resources/documents");

	private static final DocumentExtractor extractor = new DocumentExtractor(2_000_000);

	@AfterAll
	static void stopWorkers() {
		extractor.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "artikel.pdf", "artikel.docx", "artikel.odt", "artikel.html", "artikel.txt", "artikel.md",
			"artikel.rtf", "artikel.epub", "artikel.eml" })
	void readsEveryClaimedFormatWithUmlautsIntact(String file) throws ExtractionException {
		ExtractedDocument document = extractor.extract(DOCUMENTS.resolve(file));
		assertThat(document.text()).contains("Straßenbahn")
			.contains("Größe")
			.contains("Müller")
			.contains("4,2 Millionen Euro");
		assertThat(document.language()).isEqualTo("de");
		assertThat(document.truncated()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "artikel.pdf", "artikel.docx", "artikel.html", "artikel.eml", "artikel.epub" })
	void readsTheTitleWhereTheFormatCarriesOne(String file) throws ExtractionException {
		assertThat(extractor.extract(DOCUMENTS.resolve(file)).title()).isNotBlank();
	}

	@Test
	void detectsTheMediaType() throws ExtractionException {
		assertThat(extractor.extract(DOCUMENTS.resolve("artikel.pdf")).mediaType()).isEqualTo("application/pdf");
		assertThat(extractor.extract(DOCUMENTS.resolve("artikel.docx")).mediaType())
			.isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
		assertThat(extractor.extract(DOCUMENTS.resolve("artikel.eml")).mediaType()).isEqualTo("message/rfc822");
	}

	@ParameterizedTest
	@ValueSource(strings = { "latin1.txt", "utf16.txt" })
	void detectsTheCharsetOfPlainText(String file) throws ExtractionException {
		ExtractedDocument document = extractor.extract(DOCUMENTS.resolve(file));
		assertThat(document.text()).contains("ß").doesNotContain("\uFFFD").doesNotContain("Ã");
	}

	@Test
	void detectsANonGermanSource() throws ExtractionException {
		assertThat(extractor.extract(DOCUMENTS.resolve("english.txt")).language()).isEqualTo("en");
	}

	@Test
	void removesPageClutterFromWebPages() throws ExtractionException {
		ExtractedDocument page = extractor.extract(Path.of("input/haushalt-kesselbrunn.html"));
		assertThat(page.text()).doesNotContain("Cookies")
			.doesNotContain("Das könnte Ihnen auch gefallen")
			.doesNotContain("Impressum")
			.doesNotContain("Newsletter");
		assertThat(page.text()).contains("Kesselbrunn");
		assertThat(page.author()).isNotBlank();
		assertThat(page.date()).isNotBlank();
	}

	@Test
	void cutsTextAtTheCharacterLimitAndSaysSo() throws ExtractionException {
		try (DocumentExtractor small = new DocumentExtractor(1_000)) {
			ExtractedDocument document = small.extract(Path.of("input/warnstreik-nordtal-bahn.txt"));
			assertThat(document.truncated()).isTrue();
			assertThat(document.text().length()).isLessThanOrEqualTo(1_000);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "artikel.txt", "artikel.md", "latin1.txt", "utf16.txt", "english.txt" })
	void readsSmallPlainTextHereAsTheChildWould(String name) throws Exception {
		Path file = DOCUMENTS.resolve(name);
		try (DocumentExtractor fresh = new DocumentExtractor(ExtractionOptions.defaults())) {
			ExtractedDocument document = fresh.extract(file);

			assertThat(fresh.workerPids()).isEmpty();
			RawDocument child = new TikaReader().read(file, fresh.options().parserLimits());
			assertThat(document.text()).isEqualTo(child.text());
			assertThat(document.mediaType()).isEqualTo(child.mediaType());
		}
	}

	@Test
	void leavesAFileThatOnlyCallsItselfTextToTheChild(@TempDir Path folder) throws Exception {
		Path disguised = Files.copy(DOCUMENTS.resolve("artikel.pdf"), folder.resolve("artikel.txt"));
		try (DocumentExtractor fresh = new DocumentExtractor(ExtractionOptions.defaults())) {
			assertThat(fresh.extract(disguised).text()).contains("Straßenbahn");
			assertThat(fresh.workerPids()).hasSize(1);
		}
	}

	@Test
	void isolatesByDefaultAndReadsTheSameInProcess() throws ExtractionException {
		assertThat(extractor.options().isolated()).isTrue();
		try (DocumentExtractor inProcess = new DocumentExtractor(ExtractionOptions.defaults().inProcess())) {
			for (String file : new String[] { "artikel.docx", "artikel.html", "latin1.txt" }) {
				assertThat(inProcess.extract(DOCUMENTS.resolve(file)))
					.isEqualTo(extractor.extract(DOCUMENTS.resolve(file)));
			}
			assertThat(inProcess.workerPids()).isEmpty();
		}
	}

	@Test
	void givesAClearReasonForAnEmptyFile() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract(DOCUMENTS.resolve("empty.txt")))
			.withMessageContaining("empty (0 bytes)");
	}

	@Test
	void givesAClearReasonForAnImageOnlyPdf() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract(DOCUMENTS.resolve("image-only.pdf")))
			.withMessageContaining("no text layer")
			.withMessageContaining("OCR");
	}

	@Test
	void givesAClearReasonForRandomBytesNamedPdf() {
		assertThatExceptionOfType(ExtractionException.class)
			.isThrownBy(() -> extractor.extract(DOCUMENTS.resolve("random-bytes.pdf")))
			.withMessageContaining("could not be parsed")
			.withMessageContaining("not what its name says");
	}

}
