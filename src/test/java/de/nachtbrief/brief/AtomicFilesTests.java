package de.nachtbrief.brief;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFilesTests {

	@TempDir
	Path folder;

	@Test
	void replacesAFileWholeAndLeavesNoTemporaryFile() throws IOException {
		Path target = this.folder.resolve("a/brief.json");
		AtomicFiles.write(target, "eins");
		AtomicFiles.write(target, "zwei");
		assertThat(target).hasContent("zwei");
		try (var files = Files.list(target.getParent())) {
			assertThat(files).containsExactly(target);
		}
	}

	@Test
	void removesOnlyTheTemporaryFilesAKilledWriterLeftBehind() throws IOException {
		Path leftover = Files.writeString(this.folder.resolve("a/.brief.json123456.tmp"), "halb", createParents());
		Path brief = Files.writeString(this.folder.resolve("a/brief.json"), "ganz");
		Path userFile = Files.writeString(this.folder.resolve("notes.tmp"), "meins");
		assertThat(AtomicFiles.removeLeftovers(this.folder)).isEqualTo(1);
		assertThat(leftover).doesNotExist();
		assertThat(brief).exists();
		assertThat(userFile).exists();
	}

	private java.nio.file.OpenOption[] createParents() throws IOException {
		Files.createDirectories(this.folder.resolve("a"));
		return new java.nio.file.OpenOption[0];
	}

}
