package de.nachtbrief.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.store.PostgresState;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL as the state database, chosen by {@code spring.datasource.url} alone: runs,
 * the ledger, {@code status} and the dashboard on a real server, and reads while a run
 * writes, which an H2 file does not admit.
 */
class PostgresStateTests {

	@TempDir
	Path workspace;

	private PostgresState state;

	private LoopbackLlmServer model;

	private RunFolders folders;

	private Path job;

	@BeforeEach
	void jobOnAPostgresDatabase() throws Exception {
		this.state = PostgresState.open();
		this.model = LoopbackLlmServer.start();
		this.folders = new RunFolders(this.workspace);
		this.folders.input("rathaus.txt", RunFolders.RATHAUS);
		this.folders.input("bruecke.txt", "Die Stadt Ulm baut eine neue Brücke über die Donau für 20 Millionen Euro.");
		this.job = this.folders.job("nightly.yaml",
				"input:\n  folder: " + this.workspace.resolve("input") + "\n  stable-for: 0s\noutput:\n  folder: "
						+ this.folders.output() + "\nschedule:\n  enabled: false\n");
	}

	@AfterEach
	void close() {
		this.model.close();
		this.state.close();
	}

	@Test
	void runsLedgerAndStatusLiveInPostgresNotInAnH2File() {
		this.model.answer(ScriptedModel::answer);

		CommandLines.Result first = run();
		CommandLines.Result second = run();

		assertThat(first.exitCode()).as(first.text()).isZero();
		assertThat(second.exitCode()).as(second.text()).isZero();
		assertThat(this.folders.output().resolve("state/nachtbrief.mv.db")).doesNotExist();
		assertThat(this.state.jdbc()
			.sql("SELECT COUNT(*) FROM NB_DOCUMENT WHERE RUN_ID = 1 AND STATUS = 'BRIEFED'")
			.query(Long.class)
			.single()).isEqualTo(2);
		long calls = this.state.jdbc().sql("SELECT COUNT(*) FROM NB_MODEL_CALL").query(Long.class).single();
		assertThat(calls).isPositive().isEqualTo(this.model.chatCalls());
		CommandLines.Result status = CommandLines.execute("status", "--output", this.folders.output().toString());
		assertThat(status.exitCode()).as(status.text()).isZero();
		String[] lines = status.out().split("\n");
		assertThat(lines[1].trim().split("\\s+")).containsSubsequence("2", "nightly").contains("COMPLETED");
		assertThat(lines[2].trim().split("\\s+")).containsSubsequence("1", "nightly", "COMPLETED", "2", "0", "0");
		// The URL is shown without its parameters.
		assertThat(status.out()).doesNotContain("password");
	}

	@Test
	void statusAndAnotherProcessesDashboardReadWhileARunWrites() throws Exception {
		CountDownLatch asked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.model.answer((request) -> {
			asked.countDown();
			await(release);
			return ScriptedModel.answer(request);
		});
		CompletableFuture<CommandLines.Result> running = CompletableFuture.supplyAsync(this::run);
		assertThat(asked.await(60, TimeUnit.SECONDS)).as("the run asked the model").isTrue();

		CommandLines.Result status = CommandLines.execute("status", "--output", this.folders.output().toString());

		assertThat(status.exitCode()).as(status.text()).isZero();
		assertThat(status.out().split("\n")[1].trim().split("\\s+")).containsSubsequence("1", "nightly")
			.contains("STARTED");
		// The same job from another process waits for no one and briefs nothing twice.
		CommandLines.Result twice = run();
		assertThat(twice.exitCode()).as(twice.text()).isEqualTo(ExitCodes.RUN_FAILED);
		assertThat(twice.err()).contains("job 'nightly' is running in another process");
		// serve on the same database: it shows the run, and it does not take the run in
		// progress for one a dead process left behind.
		try (ServeProcess serve = ServeProcess.start(this.job.getParent())) {
			HttpResponse<String> runs = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(serve.url() + "/api/runs")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(runs.body()).contains("\"run\":1", "\"status\":\"STARTED\"");
			assertThat(serve.log()).doesNotContain("Recovered run");
			release.countDown();
			CommandLines.Result result = running.get(120, TimeUnit.SECONDS);
			assertThat(result.exitCode()).as(result.text()).isZero();
		}
		finally {
			release.countDown();
		}
		assertThat(CommandLines.execute("status", "--output", this.folders.output().toString()).out().split("\n")[1])
			.contains("COMPLETED");
	}

	private CommandLines.Result run() {
		return CommandLines.execute("run", this.job.toString(), "--backend", "openai", "--base-url",
				this.model.openAiBaseUrl(), "--model", "m");
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
