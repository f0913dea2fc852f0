package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTests {

	@TempDir
	Path workspace;

	@Test
	void saysSoWhenNothingHasRunYet() {
		CommandLines.Result status = CommandLines.execute("status", "--output",
				this.workspace.resolve("output").toString());
		assertThat(status.exitCode()).isZero();
		assertThat(status.out()).contains("No state database").contains("nothing has run");
	}

	@Test
	void listsTheRunsWithTheirCountsAndTheLastRunsFailures() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = folders.input("rathaus.txt", RunFolders.RATHAUS);
		Files.write(input.resolve("empty.txt"), new byte[0]);
		Path job = folders.job("nightly.yaml", "input:\n  stable-for: 0s\n  after-failure: keep\n");
		String output = this.workspace.resolve("output").toString();
		for (int run = 0; run < 2; run++) {
			CommandLines.Result result = CommandLines.execute("run", job.toString(), "--input", input.toString(),
					"--output", output, "--backend", "extractive");
			assertThat(result.exitCode()).as(result.text()).isZero();
		}

		CommandLines.Result status = CommandLines.execute("status", "--output", output, "--runs", "5");

		assertThat(status.exitCode()).as(status.text()).isZero();
		String[] lines = status.out().split("\n");
		assertThat(lines[0]).contains("RUN", "JOB", "STARTED", "DURATION", "STATUS", "BRIEFED", "FAILED", "SKIPPED",
				"TOKENS");
		// Newest first: the second run found the brief already written and skipped it.
		assertThat(lines[1].trim().split("\\s+")).containsSubsequence("2", "nightly").contains("COMPLETED");
		assertThat(lines[1].trim().split("\\s+")).endsWith("0", "1", "1", "0");
		assertThat(lines[2].trim().split("\\s+")).containsSubsequence("1", "nightly").endsWith("1", "1", "0", "0");
		assertThat(status.out()).contains("Run 2: 1 failed:").contains("empty.txt: ").contains("empty (0 bytes)");
	}

	@Test
	void eachAttemptOfAResumedRunShowsItsOwnCountsNotTheRunsFinalTotals() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Files.writeString(input.resolve("rathaus.txt"),
				"Der Stadtrat von Freiburg hat am Dienstag einen Haushalt von 1,2 Milliarden Euro beschlossen.");
		Files.writeString(input.resolve("bruecke.txt"),
				"Die Stadt Ulm baut eine neue Brücke über die Donau für 20 Millionen Euro.");
		Path job = folders.job("nightly.yaml", "input:\n  stable-for: 0s\n");
		String output = this.workspace.resolve("output").toString();
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			String[] run = { "run", job.toString(), "--input", input.toString(), "--output", output, "--backend",
					"openai", "--base-url", server.openAiBaseUrl(), "--model", "m" };
			server.failNext(1, 401);
			CommandLines.Result first = CommandLines.execute(run);
			assertThat(first.exitCode()).as(first.text()).isEqualTo(ExitCodes.RUN_FAILED);
			CommandLines.Result resumed = CommandLines.execute(run);
			assertThat(resumed.exitCode()).as(resumed.text()).isZero();
			assertThat(resumed.out()).contains("Resumed run 1");
		}

		CommandLines.Result status = CommandLines.execute("status", "--output", output);

		String[] lines = status.out().split("\n");
		// One run, two attempts, whose briefed documents add up to the run's two (the
		// failed attempt may have finished one before the refusal stopped it).
		List<String> completed = List.of(lines[1].trim().split("\\s+"));
		List<String> failed = List.of(lines[2].trim().split("\\s+"));
		assertThat(completed).containsSubsequence("1", "nightly", "COMPLETED");
		assertThat(failed).containsSubsequence("1", "nightly", "FAILED");
		int briefedResumed = Integer.parseInt(completed.get(completed.indexOf("COMPLETED") + 1));
		int briefedFailed = Integer.parseInt(failed.get(failed.indexOf("FAILED") + 1));
		assertThat(briefedResumed).as(status.out()).isPositive();
		assertThat(briefedResumed + briefedFailed).isEqualTo(2);
	}

	@Test
	void showsOnlyAsManyRunsAsAskedFor() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Files.writeString(input.resolve("a.txt"),
				"Die Stadt Ulm baut eine neue Brücke über die Donau für 20 Millionen Euro.");
		Path job = folders.job("j.yaml", "input:\n  stable-for: 0s\n");
		String output = this.workspace.resolve("output").toString();
		for (int run = 0; run < 3; run++) {
			assertThat(CommandLines
				.execute("run", job.toString(), "--input", input.toString(), "--output", output, "--backend",
						"extractive", "--force")
				.exitCode()).isZero();
		}
		CommandLines.Result status = CommandLines.execute("status", "--output", output, "--runs", "2");
		assertThat(status.out().lines().filter((line) -> line.contains("COMPLETED"))).hasSize(2);
		assertThat(status.out()).contains("Run 3: no failures.");
	}

}
