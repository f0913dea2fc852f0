package de.nachtbrief.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import de.nachtbrief.samples.AdversarialCorpus;
import de.nachtbrief.samples.AdversarialCorpus.Case;
import de.nachtbrief.samples.AdversarialCorpus.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The isolated extractor against files built to break it: each gives text or a clear
 * reason within the time limit, the test JVM lives on, and a child that runs out of
 * memory is reported and replaced. {@link ChildProcessTests} covers children that hang,
 * crash or chatter.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardenedExtractionTests {

	private static final Duration TIME_LIMIT = Duration.ofSeconds(30);

	@TempDir
	static Path folder;

	private static List<Case> corpus;

	private static DocumentExtractor extractor;

	@BeforeAll
	static void writeCorpus() throws IOException {
		corpus = AdversarialCorpus.write(folder);
		extractor = new DocumentExtractor(ExtractionOptions.defaults().withTimeout(TIME_LIMIT).withWorkers(2));
	}

	@AfterAll
	static void stopWorkers() {
		extractor.close();
	}

	static List<Case> corpus() {
		return corpus;
	}

	@Test
	@Order(0)
	void corpusCoversAtLeastTwentyFiveKinds() throws IOException {
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);
		assertThat(corpus).extracting(Case::outcome).contains(Outcome.TEXT, Outcome.FAILURE);
		assertThat(Files.size(folder.resolve("riesig-60mb.txt"))).isGreaterThanOrEqualTo(60L * 1024 * 1024);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("corpus")
	@Order(1)
	void everyFileGivesTextOrAClearReasonInTime(Case hostile) {
		Path file = folder.resolve(hostile.fileName());
		long started = System.nanoTime();
		if (hostile.outcome() == Outcome.TEXT) {
			String text = extract(file).text();
			assertThat(text).contains(hostile.fragment());
			if (hostile.forbidden() != null) {
				assertThat(text).doesNotContain(hostile.forbidden());
			}
		}
		else {
			assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extractor.extract(file))
				.withMessageContaining(hostile.fragment());
		}
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIME_LIMIT);
	}

	@Test
	@Order(2)
	void readsAGoodFileAfterAllTheHostileOnes() {
		ExtractedDocument document = extract(folder.resolve(AdversarialCorpus.GOOD_FILE));

		assertThat(document.text()).contains("Straßenbahn").contains("4,2 Millionen Euro");
		assertThat(document.language()).isEqualTo("de");
	}

	@Test
	void cutsTheHugeFileAtTheCharacterLimit() {
		ExtractedDocument document = extract(folder.resolve("riesig-60mb.txt"));

		assertThat(document.truncated()).isTrue();
		assertThat(document.text().length()).isLessThanOrEqualTo(extractor.options().maxCharacters());
	}

	@Test
	void skipsEmbeddedFilesBeyondTheLimitAndSaysSo() {
		ExtractedDocument document = extract(folder.resolve("viele-dateien.zip"));

		assertThat(document.text()).contains("Notiz 100:").doesNotContain("Notiz 101:");
		assertThat(document.truncated()).isTrue();
	}

	@Test
	void servesSeveralThreadsAtOnce() throws Exception {
		List<String> names = List.of(AdversarialCorpus.GOOD_FILE, "latin1.txt", "englisch.txt", "tabelle.html");
		ExecutorService threads = Executors.newFixedThreadPool(6);
		try {
			List<Future<ExtractedDocument>> results = IntStream.range(0, 12)
				.mapToObj((i) -> threads.submit(() -> extract(folder.resolve(names.get(i % names.size())))))
				.toList();
			for (int i = 0; i < results.size(); i++) {
				assertThat(results.get(i).get().text()).isNotBlank();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void reportsAChildThatRunsOutOfMemoryAndGoesOn() {
		ExtractionOptions options = ExtractionOptions.defaults()
			.withMaxHeap("32m")
			.withMaxCharacters(200_000_000)
			.withWorkers(1);
		try (DocumentExtractor small = new DocumentExtractor(options)) {
			assertThatExceptionOfType(ExtractionException.class)
				.isThrownBy(() -> small.extract(folder.resolve("riesig-60mb.txt")))
				.withMessageContaining("the parser ran out of memory (limit 32m)");
			assertThat(extract(small, folder.resolve("englisch.txt")).text()).contains("Millbrook");
		}
	}

	private static ExtractedDocument extract(Path file) {
		return extract(extractor, file);
	}

	private static ExtractedDocument extract(DocumentExtractor extractor, Path file) {
		try {
			return extractor.extract(file);
		}
		catch (ExtractionException ex) {
			throw new AssertionError(file.getFileName() + " gave no text: " + ex.getMessage(), ex);
		}
	}

}
