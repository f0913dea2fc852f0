package de.nachtbrief.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.RunFolders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, items 1 and 2: file names that a shell or a careless export produces (a line
 * break, a backslash, {@code ..\}, terminal escapes) each get exactly one outcome, and no
 * control character from a name reaches a brief, a digest, an error note or a log line.
 */
class HostileNameRunFunctionalTests {

	/** ESC starting a terminal colour, BEL and DEL. */
	private static final List<String> CONTROLS = List.of("\u001B", "\u0007", "\u007F");

	@TempDir
	Path workspace;

	@Test
	void namesWithANewlineOrDotDotBackslashAreBriefedAndReported() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = folders.input("a\nb.txt", "Die Stadt Ulm baut eine neue Brücke über die Donau.");
		folders.input("c..\\..\\d.txt", "Der Landkreis Ostallgäu baut bis 2026 vier neue Radwege.");
		folders.input("back\\slash.txt", "Das Theater in Kassel zeigt im Mai drei neue Stücke.");
		folders.input("plain.txt", "Der Stadtrat von Freiburg hat einen neuen Haushalt beschlossen.");

		CommandLines.Result run = run(folders);

		assertThat(run.exitCode()).as(run.text()).isZero();
		assertThat(outcomes()).as(run.text())
			.containsOnlyKeys("a\nb.txt", "c..\\..\\d.txt", "back\\slash.txt", "plain.txt")
			.allSatisfy((file, status) -> assertThat(status).as(file).isEqualTo("BRIEFED"));
		try (Stream<Path> briefs = Files.walk(folders.output().resolve("briefs"))) {
			assertThat(briefs.filter((path) -> path.toString().endsWith(".json"))).hasSize(4)
				.allSatisfy((path) -> assertThat(path.getFileName().toString()).matches("[a-z0-9-]+\\.json"));
		}
		assertThat(input).isDirectory();
	}

	@Test
	void controlCharactersInANameAreShownEscapedInEveryOutput() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		folders.input("\u001B[31mrot\u0007\u007F.txt", "Die Stadt Ulm baut eine neue Brücke über die Donau.");
		Files.write(folders.input("kaputt\u001B\u0007.pdf", "").resolve("kaputt\u001B\u0007.pdf"),
				new byte[] { 0x25, 0x50, 0x44, 0x46, 0x00, 0x13, 0x7F });

		ByteArrayOutputStream console = new ByteArrayOutputStream();
		CommandLines.Result run = withConsole(console, () -> run(folders));

		assertThat(run.exitCode()).as(run.text()).isZero();
		assertThat(outcomes()).containsValues("BRIEFED", "FAILED");
		Map<String, String> shown = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folders.output())) {
			for (Path file : files.filter(Files::isRegularFile)
				.filter(HostileNameRunFunctionalTests::isText)
				.toList()) {
				shown.put(folders.output().relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
		}
		assertThat(shown.keySet()).anyMatch((file) -> file.endsWith(".md"))
			.anyMatch((file) -> file.endsWith(".html"))
			.anyMatch((file) -> file.startsWith("digests/"))
			.anyMatch((file) -> file.endsWith(".error.txt"));
		shown.put("the run's standard output", run.text());
		shown.put("the log", console.toString(StandardCharsets.UTF_8));
		shown.forEach((where, text) -> CONTROLS
			.forEach((control) -> assertThat(text).as("%s shows U+%04X raw", where, (int) control.charAt(0))
				.doesNotContain(control)));
		assertThat(shown.get("the log")).contains("Moved kaputt\\u001B\\u0007.pdf");
	}

	/** Runs with standard output and error, where the log goes, captured. */
	private static <T> T withConsole(ByteArrayOutputStream console, Callable<T> action) throws IOException {
		PrintStream stdout = System.out;
		PrintStream stderr = System.err;
		System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
		try {
			return action.call();
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			System.setOut(stdout);
			System.setErr(stderr);
		}
	}

	/**
	 * What a reader sees as text; JSON escapes names itself and the database is binary.
	 */
	private static boolean isText(Path file) {
		String name = file.getFileName().toString();
		return name.endsWith(".md") || name.endsWith(".html") || name.endsWith(".txt");
	}

	private CommandLines.Result run(RunFolders folders) throws IOException {
		Path job = folders.job("names.yaml", "input:\n  stable-for: 0s\n");
		return CommandLines.execute("run", job.toString(), "--input", folders.root().resolve("input").toString(),
				"--output", folders.output().toString(), "--backend", "extractive");
	}

	private Map<String, String> outcomes() {
		Map<String, String> outcomes = new TreeMap<>();
		String url = "jdbc:h2:file:" + this.workspace.resolve("output/state/nachtbrief");
		try (Connection db = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = db.createStatement().executeQuery("SELECT PATH, STATUS FROM NB_DOCUMENT")) {
			while (rows.next()) {
				outcomes.put(rows.getString(1), rows.getString(2));
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return outcomes;
	}

}
