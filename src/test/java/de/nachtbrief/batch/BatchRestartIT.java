package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch night killed while it waits for its batch (issue 12, part 6): the real jar
 * sends its documents as one batch to the loopback server, is killed with SIGKILL while
 * the batch is still in progress, and started again. The restarted run must wait for the
 * batch it sent, not send another, and brief every document from the batch's answers
 * without a direct call.
 */
class BatchRestartIT {

	private static final int DOCUMENTS = 5;

	private static final Path JAR = Path.of("target/nachtbrief.jar");

	@TempDir
	Path workspace;

	@Test
	void aRestartedRunWaitsForTheBatchItSentInsteadOfSendingAnother() throws Exception {
		GermanCorpus.write(this.workspace.resolve("input"), DOCUMENTS);
		Path job = Files.writeString(this.workspace.resolve("nacht.yaml"),
				"input:\n  stable-for: 0s\nbackends:\n  mode: batch\n");
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			server.batchStatusRequestsUntilDone(Integer.MAX_VALUE);
			List<String> command = command(job, server.openAiBaseUrl());

			Process first = start(command, "killed");
			awaitStatusRequests(server, 3, first);
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(server.batchesCreated()).isEqualTo(1);
			server.finishBatches();

			Process second = start(command, "restarted");
			assertThat(second.waitFor(300, TimeUnit.SECONDS)).isTrue();
			String log = Files.readString(log("restarted"));
			assertThat(second.exitValue()).as(log).isZero();
			assertThat(log).contains("Resumed run 1").contains("answers filed");
			assertThat(server.batchesCreated()).as("no second batch").isEqualTo(1);
			assertThat(server.batchLines()).hasSize(DOCUMENTS);
			assertThat(server.chatCalls()).as("no direct call").isZero();
			assertThat(files(this.workspace.resolve("output/briefs"), ".json")).hasSize(DOCUMENTS);
		}
	}

	private List<String> command(Path job, String baseUrl) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, ChildJvms.QUICK_START, "-Dnachtbrief.backends.openai.batch-poll-interval=100ms", "-jar",
				JAR.toAbsolutePath().toString(), "run", job.toString(), "--input",
				this.workspace.resolve("input").toString(), "--output", this.workspace.resolve("output").toString(),
				"--backend", "openai", "--base-url", baseUrl, "--model", "m");
	}

	private Process start(List<String> command, String name) throws IOException {
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name).toFile()).start();
	}

	private Path log(String name) {
		return this.workspace.resolve(name + ".log");
	}

	private static void awaitStatusRequests(LoopbackLlmServer server, int requests, Process child)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (statusRequests(server) < requests && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(child.isAlive()).as("the run still waits for its batch when it is killed").isTrue();
	}

	private static long statusRequests(LoopbackLlmServer server) {
		return server.requests()
			.stream()
			.filter((request) -> request.method().equals("GET") && request.path().startsWith("/v1/batches/"))
			.count();
	}

	private static List<Path> files(Path folder, String suffix) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.filter((path) -> path.getFileName().toString().endsWith(suffix)).toList();
		}
	}

}
