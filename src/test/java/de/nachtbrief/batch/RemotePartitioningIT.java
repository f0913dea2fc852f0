package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past one machine, from outside: the real jar as one manager and three workers, on a
 * PostgreSQL server and an Artemis broker that the test starts, briefing 200 documents
 * while one worker is killed with SIGKILL mid-run. Every document must end briefed once,
 * the dead worker's partitions must be briefed by the others, and no model call the
 * ledger had recorded may be asked again.
 */
class RemotePartitioningIT {

	private static final int DOCUMENTS = 200;

	private static final int WORKERS = 3;

	private static final int THREADS = 2;

	private static final int PARTITIONS = 12;

	private static final Pattern PARTITION = Pattern.compile("partition (\\d+) of " + PARTITIONS);

	@TempDir
	Path workspace;

	@Test
	void threeWorkersBriefEveryDocumentOnceThoughOneIsKilled() throws Exception {
		GermanCorpus.write(this.workspace.resolve("input"), DOCUMENTS);
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.writeString(jobs.resolve("remote.yaml"), "input:\n  folder: " + this.workspace.resolve("input")
				+ "\n  stable-for: 0s\noutput:\n  folder: " + this.workspace.resolve("output") + "\n");
		try (RemoteDeployment deployment = new RemoteDeployment(this.workspace, ChildJvms.QUICK_START);
				LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ModelCalls.slowly(ScriptedModel::answer));
			// All at once, as in a deployment: the partitions wait in the queue until a
			// worker is up.
			List<Process> workers = new ArrayList<>();
			for (int worker = 0; worker < WORKERS; worker++) {
				workers.add(deployment.worker(jobs, THREADS));
			}
			Process manager = deployment.manager(PARTITIONS, List.of("remote", "--jobs", jobs.toString(), "--backend",
					"openai", "--base-url", server.openAiBaseUrl(), "--model", "m"));
			deployment.awaitWorkers();

			awaitBriefed(deployment, DOCUMENTS / 4, manager);
			Process killed = workers.get(0);
			killed.destroyForcibly();
			assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
			Set<String> recordedAtKill = new HashSet<>(
					deployment.jdbc().sql("SELECT PROMPT_SHA256 FROM NB_MODEL_CALL").query(String.class).list());
			int requestsAtKill = server.chatCalls();

			assertThat(manager.waitFor(300, TimeUnit.SECONDS)).as(deployment.log("manager")).isTrue();
			assertThat(manager.exitValue()).as(deployment.log("manager")).isZero();

			assertEveryDocumentBriefedOnce(deployment);
			List<RecordedRequest> requests = server.chatRequests();
			long repeatedCompleted = ModelCalls.askedAgain(requests.subList(requestsAtKill, requests.size()),
					recordedAtKill);
			Map<String, Long> calls = requests.stream()
				.collect(Collectors.groupingBy(ModelCalls::stableKey, Collectors.counting()));
			long repeated = calls.values().stream().mapToLong((count) -> count - 1).sum();
			Set<String> takenOver = partitionsIn(deployment.log("worker-0"));
			takenOver.retainAll(partitionsIn(deployment.log("worker-1") + deployment.log("worker-2")));
			System.out.printf("remote partitioning: %d documents, %d partitions, %d workers x %d threads, "
					+ "1 worker killed; documents lost 0, briefed twice 0; partitions taken over %s; "
					+ "model calls %d, distinct %d; completed calls asked again %d; calls asked more than once %d%n",
					DOCUMENTS, PARTITIONS, WORKERS, THREADS, takenOver, requests.size(), calls.size(),
					repeatedCompleted, repeated);
			assertThat(repeatedCompleted).as("completed calls asked again").isZero();
			// Only calls in flight at the kill may be asked again: one per thread.
			assertThat(repeated).isLessThanOrEqualTo(THREADS);
			assertThat(takenOver).as("partitions the killed worker held, briefed by another").isNotEmpty();
			assertThat(deployment.log("manager")).contains("Run 1: " + DOCUMENTS + " briefed, 0 failed");
		}
		for (int worker = 1; worker < WORKERS; worker++) {
			assertThat(Files.readString(this.workspace.resolve("worker-" + worker + ".log")))
				.as("SIGTERM stops a worker")
				.contains("worker stopped");
		}
	}

	private static void awaitBriefed(RemoteDeployment deployment, int documents, Process manager)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (briefed(deployment) < documents) {
			assertThat(manager.isAlive()).as(deployment.log("manager")).isTrue();
			assertThat(System.nanoTime()).as("briefed %d in time", documents).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private static long briefed(RemoteDeployment deployment) {
		try {
			return deployment.jdbc()
				.sql("SELECT COUNT(*) FROM NB_DOCUMENT WHERE STATUS = 'BRIEFED'")
				.query(Long.class)
				.single();
		}
		catch (RuntimeException ex) {
			// The manager has not created the table yet.
			return 0;
		}
	}

	private void assertEveryDocumentBriefedOnce(RemoteDeployment deployment) throws IOException {
		try (Stream<Path> files = Files.walk(this.workspace.resolve("output/briefs"))) {
			assertThat(files.filter((file) -> file.toString().endsWith(".json"))).hasSize(DOCUMENTS);
		}
		assertThat(deployment.jdbc()
			.sql("SELECT COUNT(*), COUNT(DISTINCT PATH) FROM NB_DOCUMENT WHERE STATUS = 'BRIEFED'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly((long) DOCUMENTS, (long) DOCUMENTS);
		assertThat(deployment.jdbc()
			.sql("SELECT COUNT(*) FROM NB_DOCUMENT WHERE STATUS <> 'BRIEFED'")
			.query(Long.class)
			.single()).as("documents left pending or failed").isZero();
		assertThat(deployment.jdbc()
			.sql("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'briefDocument:%'"
					+ " AND STATUS <> 'COMPLETED'")
			.query(Long.class)
			.single()).as("partitions not completed").isZero();
	}

	private static Set<String> partitionsIn(String log) {
		Set<String> partitions = new HashSet<>();
		Matcher found = PARTITION.matcher(log);
		while (found.find()) {
			partitions.add(found.group(1));
		}
		return partitions;
	}

}
