package de.nachtbrief.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Children that hang, crash or print where they should not: the parent copes and the next
 * file still works.
 */
class ChildProcessTests {

	private static final String TEXT = "Der Stadtrat von Kesselbrunn hat am Mittwoch den Haushalt für 2025 beschlossen.";

	/** A web page, which only a child reads (plain text is read in process). */
	private static final String PAGE = "<html><body><p>" + TEXT + "</p></body></html>";

	@TempDir
	Path folder;

	private Path good;

	@BeforeEach
	void writeGoodFile() throws IOException {
		this.good = Files.writeString(this.folder.resolve("rat.html"), PAGE, StandardCharsets.UTF_8);
	}

	@Test
	void killsAndReplacesAChildThatHangs() throws Exception {
		Path hanging = Files.writeString(this.folder.resolve(MisbehavingWorkerMain.HANG + ".html"), PAGE);
		try (DocumentExtractor extractor = misbehaving(Duration.ofSeconds(2))) {
			assertThat(extractor.extract(this.good).text()).isEqualTo(TEXT);
			Set<Long> before = extractor.workerPids();
			long started = System.nanoTime();

			assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extractor.extract(hanging))
				.withMessageStartingWith("the parser did not finish within 2 s; the file may be malformed");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(extractor.extract(this.good).text()).isEqualTo(TEXT);
			Set<Long> after = extractor.workerPids();
			assertThat(before).hasSize(1).doesNotContainAnyElementsOf(after);
			assertThat(after).hasSize(1);
			assertThat(ProcessHandle.of(before.iterator().next()).filter(ProcessHandle::isAlive)).isEmpty();
		}
	}

	@Test
	void reportsAChildThatCrashesAndReplacesIt() throws Exception {
		Path crashing = Files.writeString(this.folder.resolve(MisbehavingWorkerMain.CRASH + ".html"), PAGE);
		try (DocumentExtractor extractor = misbehaving(Duration.ofSeconds(30))) {
			assertThatExceptionOfType(ExtractionException.class).isThrownBy(() -> extractor.extract(crashing))
				.withMessageStartingWith("the parser crashed (exit code " + MisbehavingWorkerMain.CRASH_EXIT_CODE);
			assertThat(extractor.extract(this.good).text()).isEqualTo(TEXT);
		}
	}

	@Test
	void keepsWhatAParserPrintsOffTheAnswerChannel() throws Exception {
		Path chatty = Files.writeString(this.folder.resolve(MisbehavingWorkerMain.CHATTY + ".html"), PAGE);
		try (DocumentExtractor extractor = misbehaving(Duration.ofSeconds(30))) {
			assertThat(extractor.extract(chatty).text()).isEqualTo(TEXT);
			assertThat(extractor.extract(chatty).text()).isEqualTo(TEXT);
			assertThat(extractor.extract(this.good).text()).isEqualTo(TEXT);
		}
	}

	@Test
	void failsLoudlyWhenNoChildCanStart() {
		try (DocumentExtractor broken = new DocumentExtractor(ExtractionOptions.defaults(),
				"de.nachtbrief.extract.NoSuchWorkerMain")) {
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> broken.extract(this.good))
				.withMessageContaining("could not start")
				.withMessageContaining("exit code 1");
		}
	}

	@Test
	void refusesWorkAfterClose() {
		DocumentExtractor extractor = misbehaving(Duration.ofSeconds(30));
		extractor.close();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> extractor.extract(this.good))
			.withMessageContaining("closed");
	}

	private static DocumentExtractor misbehaving(Duration timeout) {
		ExtractionOptions options = ExtractionOptions.defaults().withTimeout(timeout).withWorkers(1);
		return new DocumentExtractor(options, MisbehavingWorkerMain.class.getName());
	}

}
