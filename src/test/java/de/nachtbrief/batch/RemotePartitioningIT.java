package de.nachtbrief.batch;

import java.io.IOException;
import java.net.ServerSocket;
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

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;
import de.nachtbrief.store.PostgresState;

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

	private static final Path JAR = Path.of("target/nachtbrief.jar");

	private static final Pattern PARTITION = Pattern.compile("partition (\\d+) of " + PARTITIONS);

	@TempDir
	Path workspace;

	private PostgresState state;

	private EmbeddedActiveMQ broker;

	private String brokerUrl;

	@BeforeEach
	void databaseAndBroker() throws Exception {
		this.state = PostgresState.open();
		// This JVM only hosts the servers; the jar's processes get their settings below.
		this.state.close();
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		this.brokerUrl = "tcp://127.0.0.1:" + port;
		// The broker's audit log says every connection at INFO.
		((Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.WARN);
		this.broker = new EmbeddedActiveMQ()
			.setConfiguration(new ConfigurationImpl().addAcceptorConfiguration("tcp", this.brokerUrl)
				.setPersistenceEnabled(false)
				.setSecurityEnabled(false)
				.setJMXManagementEnabled(false));
		this.broker.start();
	}

	@AfterEach
	void stopBroker() throws Exception {
		this.broker.stop();
	}

	@Test
	void threeWorkersBriefEveryDocumentOnceThoughOneIsKilled() throws Exception {
		GermanCorpus.write(this.workspace.resolve("input"), DOCUMENTS);
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Files.writeString(jobs.resolve("remote.yaml"), "input:\n  folder: " + this.workspace.resolve("input")
				+ "\n  stable-for: 0s\noutput:\n  folder: " + this.workspace.resolve("output") + "\n");
		List<Process> workers = new ArrayList<>();
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ModelCalls.slowly(ScriptedModel::answer));
			for (int worker = 0; worker < WORKERS; worker++) {
				// One after another: each creates the schema it does not find.
				workers.add(startWorker(jobs, worker));
			}
			Process manager = start(List.of("-Dnachtbrief.remote.partitions=" + PARTITIONS, "-jar",
					JAR.toAbsolutePath().toString(), "run", "remote", "--jobs", jobs.toString(), "--backend", "openai",
					"--base-url", server.openAiBaseUrl(), "--model", "m"), "manager");

			awaitBriefed(DOCUMENTS / 4, manager);
			Process killed = workers.get(0);
			killed.destroyForcibly();
			assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
			Set<String> recordedAtKill = recordedCalls();
			int requestsAtKill = server.chatCalls();

			assertThat(manager.waitFor(300, TimeUnit.SECONDS)).as(log("manager")).isTrue();
			assertThat(manager.exitValue()).as(log("manager")).isZero();

			assertEveryDocumentBriefedOnce();
			List<RecordedRequest> requests = server.chatRequests();
			long repeatedCompleted = ModelCalls.askedAgain(requests.subList(requestsAtKill, requests.size()),
					recordedAtKill);
			Map<String, Long> calls = requests.stream()
				.collect(Collectors.groupingBy(ModelCalls::stableKey, Collectors.counting()));
			long repeated = calls.values().stream().mapToLong((count) -> count - 1).sum();
			Set<String> takenOver = partitionsIn(log("worker-0"));
			takenOver.retainAll(partitionsIn(log("worker-1") + log("worker-2")));
			System.out.printf("remote partitioning: %d documents, %d partitions, %d workers x %d threads, "
					+ "1 worker killed; documents lost 0, briefed twice 0; partitions taken over %s; "
					+ "model calls %d, distinct %d; completed calls asked again %d; calls asked more than once %d%n",
					DOCUMENTS, PARTITIONS, WORKERS, THREADS, takenOver, requests.size(), calls.size(),
					repeatedCompleted, repeated);
			assertThat(repeatedCompleted).as("completed calls asked again").isZero();
			// Only calls in flight at the kill may be asked again: one per thread.
			assertThat(repeated).isLessThanOrEqualTo(THREADS);
			assertThat(takenOver).as("partitions the killed worker held, briefed by another").isNotEmpty();
			assertThat(log("manager")).contains("Run 1: " + DOCUMENTS + " briefed, 0 failed");
		}
		finally {
			for (Process worker : workers) {
				worker.destroy();
				worker.waitFor(60, TimeUnit.SECONDS);
			}
		}
		for (int worker = 1; worker < WORKERS; worker++) {
			assertThat(log("worker-" + worker)).as("SIGTERM stops a worker").contains("worker stopped");
		}
	}

	private Process startWorker(Path jobs, int number) throws Exception {
		Process worker = start(List.of("-jar", JAR.toAbsolutePath().toString(), "worker", "--jobs", jobs.toString(),
				"--threads", Integer.toString(THREADS)), "worker-" + number);
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!log("worker-" + number).contains("worker taking partitions")) {
			assertThat(worker.isAlive()).as(log("worker-" + number)).isTrue();
			assertThat(System.nanoTime()).as("worker started in time").isLessThan(deadline);
			Thread.sleep(100);
		}
		return worker;
	}

	private Process start(List<String> arguments, String name) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Dspring.datasource.url=" + this.state.url(), "-Dspring.datasource.username=postgres",
						"-Dspring.datasource.password=postgres", "-Dspring.artemis.broker-url=" + this.brokerUrl));
		command.addAll(arguments);
		return new ProcessBuilder(command).directory(this.workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.workspace.resolve(name + ".log").toFile())
			.start();
	}

	private String log(String name) {
		try {
			return Files.readString(this.workspace.resolve(name + ".log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	private void awaitBriefed(int documents, Process manager) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (briefed() < documents) {
			assertThat(manager.isAlive()).as(log("manager")).isTrue();
			assertThat(System.nanoTime()).as("briefed %d in time", documents).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	private long briefed() {
		try {
			return jdbc().sql("SELECT COUNT(*) FROM NB_DOCUMENT WHERE STATUS = 'BRIEFED'").query(Long.class).single();
		}
		catch (RuntimeException ex) {
			// The manager has not created the table yet.
			return 0;
		}
	}

	private void assertEveryDocumentBriefedOnce() throws IOException {
		try (Stream<Path> files = Files.walk(this.workspace.resolve("output/briefs"))) {
			assertThat(files.filter((file) -> file.toString().endsWith(".json"))).hasSize(DOCUMENTS);
		}
		assertThat(jdbc().sql("SELECT COUNT(*), COUNT(DISTINCT PATH) FROM NB_DOCUMENT WHERE STATUS = 'BRIEFED'")
			.query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).containsExactly((long) DOCUMENTS, (long) DOCUMENTS);
		assertThat(jdbc().sql("SELECT COUNT(*) FROM NB_DOCUMENT WHERE STATUS <> 'BRIEFED'").query(Long.class).single())
			.as("documents left pending or failed")
			.isZero();
		assertThat(jdbc()
			.sql("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'briefDocument:%'"
					+ " AND STATUS <> 'COMPLETED'")
			.query(Long.class)
			.single()).as("partitions not completed").isZero();
	}

	private Set<String> recordedCalls() {
		return new HashSet<>(jdbc().sql("SELECT PROMPT_SHA256 FROM NB_MODEL_CALL").query(String.class).list());
	}

	private static Set<String> partitionsIn(String log) {
		Set<String> partitions = new HashSet<>();
		Matcher found = PARTITION.matcher(log);
		while (found.find()) {
			partitions.add(found.group(1));
		}
		return partitions;
	}

	private JdbcClient jdbc() {
		return this.state.jdbc();
	}

}
