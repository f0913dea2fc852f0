package de.nachtbrief.models;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.Hashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Downloads from a real HTTP server on 127.0.0.1 through the real JDK client. */
class ModelDownloaderTests {

	private static final byte[] FILE = randomBytes(3_000_000);

	private static final String SHA256 = sha256(FILE);

	private static final int CUT = 1_000_000;

	@TempDir
	Path dir;

	private LoopbackFileServer server;

	private final RecordingProgress progress = new RecordingProgress();

	private final ModelDownloader downloader = new ModelDownloader(ModelDownloader.httpClient(), this.progress);

	private Path target;

	@BeforeEach
	void startServer() throws IOException {
		this.server = LoopbackFileServer.start(FILE);
		this.target = this.dir.resolve("models/tiny.gguf");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void downloadsTheWholeFile() throws IOException {
		Path result = download("/model.gguf", SHA256, FILE.length);

		assertThat(result).isEqualTo(this.target);
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
		assertThat(this.progress.started).isEqualTo("tiny.gguf from 0 of 3000000");
		assertThat(this.progress.done).isEqualTo(FILE.length);
		assertThat(this.progress.finished).isEqualTo(FILE.length);
		assertThat(this.server.requests()).containsExactly(new LoopbackFileServer.Request("/model.gguf", null));
	}

	@Test
	void resumesAfterTheConnectionBreaks() throws IOException {
		this.server.cutNextAfter(CUT, () -> this.progress.done >= CUT);

		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> download("/model.gguf", SHA256, FILE.length))
			.withMessageContaining("the 1000000 bytes so far are kept in " + part())
			.withMessageContaining("running the same command again resumes");
		assertThat(Files.readAllBytes(part())).isEqualTo(Arrays.copyOf(FILE, CUT));
		assertThat(this.target).doesNotExist();

		download("/model.gguf", SHA256, FILE.length);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly(null, "bytes=1000000-");
		assertThat(this.progress.started).isEqualTo("tiny.gguf from 1000000 of 3000000");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(sha256(Files.readAllBytes(this.target))).isEqualTo(SHA256);
		assertThat(part()).doesNotExist();
	}

	@Test
	void keepsThePartFileWhenInterrupted() throws Exception {
		CompletableFuture<RuntimeException> failure = new CompletableFuture<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread pull = new Thread(() -> {
			try {
				download("/model.gguf", SHA256, FILE.length);
				failure.complete(null);
			}
			catch (RuntimeException ex) {
				stillInterrupted.set(Thread.currentThread().isInterrupted());
				failure.complete(ex);
			}
		});
		this.server.cutNextAfter(CUT, failure::isDone);
		pull.start();
		while (this.progress.done < CUT && !failure.isDone()) {
			Thread.sleep(5);
		}
		pull.interrupt();

		assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(ModelDownloadException.class)
			.hasMessageContaining("stopped: interrupted")
			.hasMessageContaining("the 1000000 bytes so far are kept");
		assertThat(stillInterrupted).isTrue();
		assertThat(Files.readAllBytes(part())).isEqualTo(Arrays.copyOf(FILE, CUT));
		assertThat(this.target).doesNotExist();
	}

	@Test
	void startsOverWhenTheServerIgnoresRanges() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.write(part(), new byte[CUT]);
		this.server.ignoreRanges();

		download("/model.gguf", SHA256, FILE.length);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly("bytes=1000000-");
		assertThat(this.progress.started).isEqualTo("tiny.gguf from 0 of 3000000");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
	}

	@Test
	void finishesAKeptFileTheServerHasNoMoreBytesFor() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.write(part(), FILE);

		download("/model.gguf", SHA256, FILE.length);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly("bytes=3000000-");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
	}

	@Test
	void removesADownloadWithTheWrongHash() {
		String expected = sha256("another file".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> download("/model.gguf", expected, FILE.length))
			.withMessageContaining("SHA-256 " + SHA256 + ", not the expected " + expected)
			.withMessageContaining("the download was removed");
		assertThat(this.target).doesNotExist();
		assertThat(part()).doesNotExist();
	}

	@Test
	void removesADownloadOfTheWrongSize() {
		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> download("/model.gguf", null, FILE.length + 1))
			.withMessageContaining("has 3000000 bytes, not the expected 3000001")
			.withMessageContaining("the download was removed");
		assertThat(this.target).doesNotExist();
		assertThat(part()).doesNotExist();
	}

	@Test
	void finishesAKeptFileOfUnknownSizeTheServerHasNoMoreBytesFor() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.write(part(), FILE);

		download("/model.gguf", SHA256, -1);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly("bytes=3000000-");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
	}

	@Test
	void checksTheHashOfAKeptFileOfUnknownSizeTheServerHasNoMoreBytesFor() throws IOException {
		Files.createDirectories(this.target.getParent());
		byte[] other = FILE.clone();
		other[0]++;
		Files.write(part(), other);

		assertThatExceptionOfType(ModelDownloadException.class).isThrownBy(() -> download("/model.gguf", SHA256, -1))
			.withMessageContaining("SHA-256 " + sha256(other) + ", not the expected " + SHA256)
			.withMessageContaining("the download was removed");
		assertThat(this.target).doesNotExist();
		assertThat(part()).doesNotExist();
	}

	@Test
	void removesAKeptFileOfUnknownSizeLongerThanTheServersFile() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.write(part(), Arrays.copyOf(FILE, FILE.length + 1));

		assertThatExceptionOfType(ModelDownloadException.class).isThrownBy(() -> download("/model.gguf", null, -1))
			.withMessageContaining("HTTP 416")
			.withMessageContaining("3000001 kept")
			.withMessageContaining("running the same command again starts it over");
		assertThat(this.target).doesNotExist();
		assertThat(part()).doesNotExist();
	}

	@Test
	void startsOverWhenTheServerAnswersTheRangeFromAnotherOffset() throws IOException {
		Files.createDirectories(this.target.getParent());
		// Zeros, not the file's bytes: appending to them would give a wrong file.
		Files.write(part(), new byte[CUT]);
		this.server.misalignRanges();

		download("/model.gguf", null, -1);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly("bytes=1000000-", null);
		assertThat(this.progress.started).isEqualTo("tiny.gguf from 0 of 3000000");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
	}

	@Test
	@Timeout(10)
	void stopsWhenNoDataArrivesAndResumesOnTheNextRun() throws IOException {
		ModelDownloader impatient = new ModelDownloader(ModelDownloader.httpClient(), this.progress,
				Duration.ofMillis(300));
		URI url = this.server.url("/model.gguf");
		this.server.stallNextAfter(CUT);

		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> impatient.download(url, this.target, null, -1))
			.withMessageContaining("stopped: no data arrived for 0.3 s")
			.withMessageContaining("the 1000000 bytes so far are kept in " + part())
			.withMessageContaining("running the same command again resumes");
		assertThat(Files.readAllBytes(part())).isEqualTo(Arrays.copyOf(FILE, CUT));
		assertThat(this.target).doesNotExist();

		impatient.download(url, this.target, SHA256, FILE.length);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::range)
			.containsExactly(null, "bytes=1000000-");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
		assertThat(part()).doesNotExist();
	}

	@Test
	@Timeout(10)
	void stopsWhenNoAnswerArrives() throws IOException {
		ModelDownloader impatient = new ModelDownloader(ModelDownloader.httpClient(), this.progress,
				Duration.ofMillis(300));
		URI url = this.server.url("/model.gguf");
		this.server.stallNextBeforeHeaders();

		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> impatient.download(url, this.target, SHA256, FILE.length))
			.withMessage("Download of tiny.gguf stopped: no answer from " + url + " for 0.3 s; nothing was kept");
		assertThat(this.target).doesNotExist();
	}

	@Test
	void keepsAFileThatIsAlreadyThereWithoutAsking() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.write(this.target, FILE);

		assertThat(download("/model.gguf", SHA256, FILE.length)).isEqualTo(this.target);

		assertThat(this.server.requests()).isEmpty();
		assertThat(this.progress.started).isNull();
	}

	@Test
	void refusesToReplaceADifferentFileUnderTheSameName() throws IOException {
		Files.createDirectories(this.target.getParent());
		Files.writeString(this.target, "mine");

		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> download("/model.gguf", SHA256, FILE.length))
			.withMessageContaining(this.target + " already exists")
			.withMessageContaining("delete or move it");
		assertThat(this.target).hasContent("mine");
		assertThat(this.server.requests()).isEmpty();
	}

	@Test
	void followsRedirects() throws IOException {
		download("/redirect", SHA256, FILE.length);

		assertThat(this.server.requests()).extracting(LoopbackFileServer.Request::path)
			.containsExactly("/redirect", "/model.gguf");
		assertThat(Files.readAllBytes(this.target)).isEqualTo(FILE);
	}

	@Test
	void namesTheStatusWhenTheFileIsMissing() throws IOException {
		assertThatExceptionOfType(ModelDownloadException.class)
			.isThrownBy(() -> download("/missing.gguf", SHA256, FILE.length))
			.withMessage("HTTP 404 from " + this.server.url("/missing.gguf") + " for tiny.gguf");
		try (var left = Files.list(this.target.getParent())) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void drawsOneLineOnATerminalAtMostEvery200Milliseconds() {
		long[] now = { 0 };
		StringWriter text = new StringWriter();
		DownloadProgressBar bar = new DownloadProgressBar(new PrintWriter(text), true, () -> now[0]);

		bar.started("tiny.gguf", 0, 3_000_000);
		now[0] = 1_000_000_000L;
		bar.advanced(1_500_000, 3_000_000);
		assertThat(text.toString())
			.endsWith("\r\033[Ktiny.gguf [###############...............] 50% 1.5 / 3.0 MB 1.5 MB/s 0:01 left");

		int length = text.toString().length();
		now[0] += 100_000_000L;
		bar.advanced(1_600_000, 3_000_000);
		assertThat(text.toString()).hasSize(length);
		now[0] += 100_000_000L;
		bar.advanced(1_800_000, 3_000_000);
		assertThat(text.toString().substring(length))
			.startsWith("\r\033[Ktiny.gguf [##################............] 60%");

		bar.finished(3_000_000);
		assertThat(text.toString()).endsWith("] 100% 3.0 / 3.0 MB 2.5 MB/s 0:00 left" + System.lineSeparator());
		assertThat(text.toString().chars().filter((c) -> c == '\n')).hasSize(1);
	}

	@Test
	void printsOneLinePerTenthWhenNotATerminal() {
		long[] now = { 0 };
		StringWriter text = new StringWriter();
		DownloadProgressBar bar = new DownloadProgressBar(new PrintWriter(text), false, () -> now[0]);

		bar.started("tiny.gguf", 0, 1000);
		for (int done = 10; done <= 1000; done += 10) {
			now[0] += 10_000_000L;
			bar.advanced(done, 1000);
		}
		bar.finished(1000);

		List<String> steps = text.toString().lines().filter((line) -> line.contains("%")).toList();
		assertThat(steps).extracting((line) -> line.substring(0, line.indexOf('%') + 1))
			.containsExactlyElementsOf(
					IntStream.rangeClosed(1, 10).mapToObj((i) -> "tiny.gguf: " + i * 10 + "%").toList());
		assertThat(text.toString()).doesNotContain("\r");
	}

	private Path download(String path, String sha256, long expectedSize) {
		URI url = this.server.url(path);
		return this.downloader.download(url, this.target, sha256, expectedSize);
	}

	private Path part() {
		return this.target.resolveSibling("tiny.gguf.part");
	}

	private static byte[] randomBytes(int count) {
		byte[] bytes = new byte[count];
		new Random(42).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		return HexFormat.of().formatHex(Hashes.sha256().digest(bytes));
	}

	/** Remembers what the downloader reported last. */
	private static final class RecordingProgress implements DownloadProgress {

		volatile String started;

		volatile long done = -1;

		volatile long finished = -1;

		@Override
		public void started(String name, long alreadyDone, long total) {
			this.started = name + " from " + alreadyDone + " of " + total;
			this.done = alreadyDone;
		}

		@Override
		public void advanced(long done, long total) {
			this.done = done;
		}

		@Override
		public void finished(long done) {
			this.finished = done;
		}

	}

}
