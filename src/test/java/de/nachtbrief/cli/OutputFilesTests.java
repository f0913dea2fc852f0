package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a run leaves on disk, looked at from outside: file modes and the state folder. */
class OutputFilesTests {

	@TempDir
	Path workspace;

	@Test
	void briefsDigestsAndRunReportsGetTheUmasksModeNotOnlyOwnerReadable() throws IOException {
		// The mode this JVM's umask gives a new file (rw-r--r-- under 022).
		Set<PosixFilePermission> umaskMode = Files
			.getPosixFilePermissions(Files.createFile(this.workspace.resolve("probe")));
		assumeTrue(umaskMode.contains(PosixFilePermission.OTHERS_READ), "a umask that lets others read");
		Path output = runTwice();

		List<Path> written = files(output, "briefs", "digests", "runs");
		assertThat(written).extracting((path) -> path.getFileName().toString())
			.anyMatch((name) -> name.endsWith(".json"))
			.anyMatch((name) -> name.endsWith(".md"));
		for (Path file : written) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
				.isEqualTo(PosixFilePermissions.toString(umaskMode));
		}
	}

	@Test
	void startingTwiceLeavesNoH2TraceFileToGrow() throws IOException {
		Path output = runTwice();
		assertThat(CommandLines.execute("status", "--output", output.toString()).exitCode()).isZero();
		try (Stream<Path> state = Files.list(output.resolve("state"))) {
			assertThat(state.map((path) -> path.getFileName().toString())).isNotEmpty()
				.noneMatch((name) -> name.endsWith(".trace.db"));
		}
	}

	private Path runTwice() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = folders.input("rathaus.txt", RunFolders.RATHAUS);
		Path job = folders.job("nightly.yaml", "input:\n  stable-for: 0s\n");
		Path output = folders.output();
		for (int run = 0; run < 2; run++) {
			CommandLines.Result result = CommandLines.execute("run", job.toString(), "--input", input.toString(),
					"--output", output.toString(), "--backend", "extractive", "--force");
			assertThat(result.exitCode()).as(result.text()).isZero();
		}
		return output;
	}

	private static List<Path> files(Path output, String... folders) throws IOException {
		List<Path> files = new ArrayList<>();
		for (String folder : folders) {
			try (Stream<Path> paths = Files.walk(output.resolve(folder))) {
				paths.filter(Files::isRegularFile).forEach(files::add);
			}
		}
		return files;
	}

}
