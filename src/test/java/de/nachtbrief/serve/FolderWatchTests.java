package de.nachtbrief.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

class FolderWatchTests {

	private static final Duration SETTLE = Duration.ofMillis(500);

	@TempDir
	Path workspace;

	private final List<Instant> triggers = new CopyOnWriteArrayList<>();

	private FolderWatch watch;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.watch != null) {
			this.watch.close();
		}
	}

	@Test
	void aBurstOfFiftyFilesMakesOneRun() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		watch(input);
		for (int i = 0; i < 50; i++) {
			Files.writeString(input.resolve("artikel-" + i + ".txt"), "Text " + i);
		}
		awaitTriggers(1);
		quietFor(SETTLE.multipliedBy(3));
		assertThat(this.triggers).hasSize(1);
	}

	@Test
	void aSlowlyWrittenFileTriggersOnlyOnceItStopsChanging() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		watch(input);
		Instant lastWrite = Instant.now();
		try (OutputStream out = Files.newOutputStream(input.resolve("langsam.pdf"))) {
			for (int chunk = 0; chunk < 12; chunk++) {
				out.write(new byte[1024]);
				out.flush();
				// Taken when the bytes were written, not after the pause that follows.
				lastWrite = Instant.now();
				Thread.sleep(150);
			}
		}
		assertThat(this.triggers).as("no run while the file was still being written").isEmpty();
		awaitTriggers(1);
		assertThat(this.triggers.get(0)).isAfterOrEqualTo(lastWrite.plus(SETTLE).minusMillis(150));
	}

	@Test
	void filesInSubFoldersCreatedLaterAreSeen() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		watch(input);
		Path later = Files.createDirectories(input.resolve("neu/tiefer"));
		awaitTriggers(1);
		Files.writeString(later.resolve("artikel.txt"), "Text");
		awaitTriggers(2);
	}

	@Test
	void aFolderDeletedAndRecreatedIsWatchedAgain() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		watch(input);
		Files.writeString(input.resolve("erster.txt"), "Text");
		awaitTriggers(1);
		FileSystemUtils.deleteRecursively(input);
		quietFor(SETTLE);
		Files.createDirectories(input);
		// Let the watch find the folder again before the file arrives, so only the
		// event, not the look at a non-empty folder, can trigger the run.
		quietFor(SETTLE);
		int before = this.triggers.size();
		Files.writeString(input.resolve("zweiter.txt"), "Text");
		awaitTriggers(before + 1);
	}

	@Test
	void aFolderThatAppearsLaterIsWatched() throws Exception {
		Path input = this.workspace.resolve("not-yet");
		watch(input);
		Files.createDirectories(input);
		Files.writeString(input.resolve("artikel.txt"), "Text");
		awaitTriggers(1);
	}

	private void watch(Path folder) {
		this.watch = new FolderWatch("test", folder, SETTLE, Clock.systemUTC(), Duration.ofMillis(50),
				() -> this.triggers.add(Instant.now()))
			.start();
	}

	private void awaitTriggers(int count) throws InterruptedException {
		awaitTrue(() -> this.triggers.size() >= count, Duration.ofSeconds(20));
		assertThat(this.triggers).hasSize(count);
	}

	/**
	 * Waits a bounded time during which nothing should happen, to show that nothing does.
	 */
	private static void quietFor(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	private static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(condition.getAsBoolean()).as("condition within " + within).isTrue();
	}

}
