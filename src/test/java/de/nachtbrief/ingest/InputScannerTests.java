package de.nachtbrief.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class InputScannerTests {

	@TempDir
	Path workspace;

	@Test
	void walksRecursivelyInSortedOrderAndFingerprintsContent() throws IOException {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		write(input.resolve("b.txt"), "zwei");
		write(input.resolve("a/c.txt"), "drei");
		write(input.resolve("a.txt"), "eins");
		List<SourceFile> files = scanner(input).scan();
		assertThat(files).extracting(SourceFile::relativePath).containsExactly("a.txt", "a/c.txt", "b.txt");
		// sha256sum of the four bytes "eins"
		assertThat(files.get(0).sha256()).isEqualTo("bfd6b995588ec54ce16871bc82a7ac86dd43a2c22309ea68e479a50043683937");
		assertThat(files.get(0).sha256()).isNotEqualTo(files.get(1).sha256());
		assertThat(files.get(0).size()).isEqualTo(4);
	}

	@Test
	void passesOverHiddenTemporaryAndLockFiles() throws IOException {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		for (String name : List.of(".hidden.txt", ".~lock.brief.docx#", "~$brief.docx", "film.mp4.part",
				"page.html.crdownload", "save.tmp", ".git/config", "real.txt")) {
			write(input.resolve(name), "x");
		}
		assertThat(scanner(input).scan()).extracting(SourceFile::relativePath).containsExactly("real.txt");
	}

	@Test
	void appliesIncludeAndExcludeGlobs() throws IOException {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		write(input.resolve("a.pdf"), "x");
		write(input.resolve("b.txt"), "x");
		write(input.resolve("old/c.pdf"), "x");
		assertThat(new InputScanner(input, List.of("*.pdf", "**/*.pdf"), List.of("old/**"), Duration.ZERO).scan())
			.extracting(SourceFile::relativePath)
			.containsExactly("a.pdf");
	}

	@Test
	void neverReadsSymbolicLinksOrFifos() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Path secret = write(this.workspace.resolve("secret.txt"), "geheim");
		write(input.resolve("inside.txt"), "x");
		Files.createSymbolicLink(input.resolve("outside.txt"), secret);
		Files.createSymbolicLink(input.resolve("alias.txt"), input.resolve("inside.txt"));
		Files.createSymbolicLink(input.resolve("linked-folder"), this.workspace);
		assertThat(new ProcessBuilder("mkfifo", input.resolve("pipe.txt").toString()).start().waitFor()).isZero();
		assertThat(scanner(input).scan()).extracting(SourceFile::relativePath).containsExactly("inside.txt");
	}

	@Test
	void leavesAFileThatIsStillBeingWrittenForTheNextRun() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		write(input.resolve("done.txt"), "fertig");
		Path growing = write(input.resolve("growing.txt"), "Anfang");
		Thread writer = new Thread(() -> {
			try {
				for (int i = 0; i < 8; i++) {
					Thread.sleep(50);
					Files.writeString(growing, " und weiter", java.nio.file.StandardOpenOption.APPEND);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();
		List<SourceFile> files = new InputScanner(input, List.of("**"), List.of(), Duration.ofMillis(300)).scan();
		writer.join();
		assertThat(files).extracting(SourceFile::relativePath).containsExactly("done.txt");
		assertThat(new InputScanner(input, List.of("**"), List.of(), Duration.ofMillis(100)).scan())
			.extracting(SourceFile::relativePath)
			.containsExactly("done.txt", "growing.txt");
	}

	@Test
	void saysWhenTheInputFolderIsMissing() {
		assertThatIOException().isThrownBy(() -> scanner(this.workspace.resolve("nope")).scan())
			.withMessageContaining("does not exist");
	}

	private static InputScanner scanner(Path input) {
		return new InputScanner(input, List.of("**"), List.of(), Duration.ZERO);
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content);
	}

}
