package de.nachtbrief.batch;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import de.nachtbrief.cli.NachtbriefCommand;
import de.nachtbrief.samples.AdversarialCorpus;
import de.nachtbrief.samples.AdversarialCorpus.Case;

import de.nachtbrief.brief.BriefSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job over the adversarial corpus plus what only a run can meet (a lock file, a
 * partial download, a link out of the folder, the same content twice, a file still
 * growing): every file ends with exactly one outcome, the run and the JVM survive, and
 * the good files are briefed.
 */
class AdversarialRunFunctionalTests {

	@TempDir
	Path workspace;

	/** Every brief a test here writes must match the published schema. */
	@AfterEach
	void briefsMatchThePublishedSchema() {
		BriefSchema.assertAllValid(this.workspace);
	}

	@Test
	void givesEveryHostileFileExactlyOneOutcomeAndBriefsTheGoodOnes() throws Exception {
		Path input = this.workspace.resolve("input");
		List<Case> cases = AdversarialCorpus.write(input);
		Path outside = Files.writeString(this.workspace.resolve("ausserhalb.txt"), "Nicht lesen: " + "X".repeat(50));
		Files.createSymbolicLink(input.resolve("link-nach-draussen.txt"), outside);
		Files.writeString(input.resolve(".~lock.bericht.docx#"), "lock");
		Files.writeString(input.resolve("bericht.pdf.part"), "%PDF-1.7 halb");
		String article = "Der Landkreis Ostallgäu baut bis 2026 vier neue Radwege. Die Kosten liegen bei 3,1 "
				+ "Millionen Euro, teilte das Landratsamt am Freitag mit.";
		Files.writeString(input.resolve("kopie-a.txt"), article);
		Files.writeString(input.resolve("kopie-b.txt"), article);
		Path growing = Files.writeString(input.resolve("wachsend.txt"), article);
		Path job = Files.writeString(this.workspace.resolve("hostile.yaml"),
				"input:\n  stable-for: 1s\n  exclude: [\"privat/**\"]\n");

		AtomicBoolean copying = new AtomicBoolean(true);
		Thread writer = keepAppending(growing, copying);
		Run first = run(job);
		copying.set(false);
		writer.join();

		assertThat(first.exitCode()).as(first.output()).isZero();
		Map<String, String[]> outcomes = outcomes();
		assertThat(outcomes.values()).noneMatch((outcome) -> outcome[0].equals("PENDING"));
		for (Case hostile : cases) {
			String[] outcome = outcomes.get(hostile.fileName());
			assertThat(outcome).as(hostile.kind()).isNotNull();
			if (hostile.outcome() == AdversarialCorpus.Outcome.TEXT && outcome[0].equals("SKIPPED")) {
				// Files that share their content (the hostile names do) are briefed once.
				String original = outcome[1].replaceAll("^same content as (.+), which is briefed once$", "$1");
				assertThat(outcomes.get(original)).as(hostile.kind() + ": " + outcome[1]).isNotNull();
				assertThat(outcomes.get(original)[0]).isEqualTo("BRIEFED");
			}
			else if (hostile.outcome() == AdversarialCorpus.Outcome.TEXT) {
				assertThat(outcome[0]).as(hostile.kind() + ": " + outcome[1]).isEqualTo("BRIEFED");
			}
			else {
				assertThat(outcome[0]).as(hostile.kind()).isEqualTo("FAILED");
				assertThat(outcome[1]).as(hostile.kind()).contains(hostile.fragment());
				assertThat(this.workspace.resolve("output/failed/" + hostile.fileName())).exists();
				assertThat(this.workspace.resolve("output/failed/" + hostile.fileName() + ".error.txt")).exists();
			}
		}
		assertThat(outcomes.get(AdversarialCorpus.GOOD_FILE)[0]).isEqualTo("BRIEFED");
		assertThat(outcomes.get("kopie-a.txt")[0]).isEqualTo("BRIEFED");
		assertThat(outcomes.get("kopie-b.txt")).containsExactly("SKIPPED",
				"same content as kopie-a.txt, which is briefed once");
		assertThat(outcomes).doesNotContainKeys("link-nach-draussen.txt", ".~lock.bericht.docx#", "bericht.pdf.part",
				"wachsend.txt", "privat/zugangsdaten.txt");
		assertThat(input.resolve("link-nach-draussen.txt")).exists();
		assertThat(input.resolve("bericht.pdf.part")).exists();
		for (Path file : files(this.workspace.resolve("output"))) {
			String content = Files.readString(file, StandardCharsets.ISO_8859_1);
			assertThat(content).as(file.toString())
				.doesNotContain(AdversarialCorpus.SECRET)
				.doesNotContain("Nicht lesen")
				.doesNotContain("lollollollol");
		}

		Run second = run(job);
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(outcomes().get("wachsend.txt")[0]).isEqualTo("BRIEFED");
	}

	/** Appends to a file as a slow copy would, until told to stop. */
	private static Thread keepAppending(Path file, AtomicBoolean copying) {
		Thread writer = new Thread(() -> {
			try {
				while (copying.get()) {
					Files.writeString(file, " Weiter.", StandardOpenOption.APPEND);
					Thread.sleep(100);
				}
			}
			catch (IOException | InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		writer.start();
		return writer;
	}

	/** The last outcome per source file: status and reason. */
	private Map<String, String[]> outcomes() throws Exception {
		Map<String, String[]> outcomes = new HashMap<>();
		String url = "jdbc:h2:file:" + this.workspace.resolve("output/state/nachtbrief");
		try (Connection db = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = db.createStatement()
					.executeQuery("SELECT PATH, STATUS, REASON FROM NB_DOCUMENT ORDER BY ID")) {
			while (rows.next()) {
				outcomes.put(rows.getString(1), new String[] { rows.getString(2), rows.getString(3) });
			}
		}
		return outcomes;
	}

	private record Run(int exitCode, String output) {
	}

	private Run run(Path job) {
		StringWriter out = new StringWriter();
		CommandLine command = NachtbriefCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(out, true));
		int exitCode = command.execute("run", job.toString(), "--input", this.workspace.resolve("input").toString(),
				"--output", this.workspace.resolve("output").toString(), "--backend", "extractive");
		return new Run(exitCode, out.toString());
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

}
