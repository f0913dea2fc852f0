package de.nachtbrief.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import de.nachtbrief.llm.LoopbackLlmServer;

/**
 * Does briefing grow with workers? The same documents, against the same loopback model
 * server answering every call after a fixed latency with no limit on calls at once (3
 * seconds, about what a hosted model takes for one brief in two languages; the model is
 * the bottleneck, as in a real deployment, not this machine's two cores), briefed by a
 * manager and 1, 2 and 3 workers of the real jar (a JVM each), on PostgreSQL and Artemis
 * started here. Measured: the brief step, from the manager's first partition sent to its
 * last partition done, as the job repository records it. Workers live long in a
 * deployment, so they are started and warmed up by a small run of other documents first;
 * the manager's start-up, discovery and digest are not part of the figure.
 *
 * <p>
 * Run: {@code ./mvnw -B -q -DskipTests package && ./mvnw -B -q -Pbench test-compile
 * exec:exec -Dbench.main=de.nachtbrief.batch.RemoteScalingBenchmark}
 */
public final class RemoteScalingBenchmark {

	private static final int DOCUMENTS = 120;

	private static final int WARM_UP = 24;

	private static final int THREADS = 2;

	private static final int PARTITIONS = 24;

	private static final Duration LATENCY = Duration.ofSeconds(3);

	private RemoteScalingBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		System.out.printf(
				"Remote partitioning: %d documents, %d partitions, %d threads per worker, model latency %d ms, "
						+ "%d cores here%n",
				DOCUMENTS, PARTITIONS, THREADS, LATENCY.toMillis(), Runtime.getRuntime().availableProcessors());
		System.out.printf("%-8s %12s %14s %9s%n", "workers", "brief step", "documents/s", "speed-up");
		double single = 0;
		for (int workers = 1; workers <= 3; workers++) {
			Duration brief = measure(workers);
			double perSecond = DOCUMENTS / (brief.toMillis() / 1000.0);
			single = (workers == 1) ? perSecond : single;
			System.out.printf("%-8d %11.1fs %14.2f %8.2fx%n", workers, brief.toMillis() / 1000.0, perSecond,
					perSecond / single);
		}
		System.exit(0);
	}

	private static void run(RemoteDeployment deployment, LoopbackLlmServer server, Path jobs, String job)
			throws Exception {
		Process manager = deployment.manager(PARTITIONS, List.of(job, "--jobs", jobs.toString(), "--backend", "openai",
				"--base-url", server.openAiBaseUrl(), "--model", "m"));
		if (!manager.waitFor(600, TimeUnit.SECONDS) || manager.exitValue() != 0) {
			throw new IllegalStateException("the " + job + " run failed: " + deployment.log("manager"));
		}
	}

	private static Duration measure(int workers) throws Exception {
		Path workspace = Files.createTempDirectory("nachtbrief-scaling-");
		GermanCorpus.write(workspace.resolve("input"), DOCUMENTS);
		Path jobs = Files.createDirectories(workspace.resolve("jobs"));
		Files.writeString(jobs.resolve("remote.yaml"), "input:\n  folder: " + workspace.resolve("input")
				+ "\n  stable-for: 0s\noutput:\n  folder: " + workspace.resolve("output") + "\n");
		// Other content than the measured run's, or that run would find it briefed.
		for (Path file : GermanCorpus.write(workspace.resolve("warm-up"), WARM_UP)) {
			Files.writeString(file, "Vorab: " + Files.readString(file));
		}
		Files.writeString(jobs.resolve("warm-up.yaml"), "input:\n  folder: " + workspace.resolve("warm-up")
				+ "\n  stable-for: 0s\noutput:\n  folder: " + workspace.resolve("warm-up-output") + "\n");
		try (RemoteDeployment deployment = new RemoteDeployment(workspace);
				LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer((request) -> {
				try {
					Thread.sleep(LATENCY.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return ScriptedModel.answer(request);
			});
			for (int worker = 0; worker < workers; worker++) {
				deployment.worker(jobs, THREADS);
			}
			deployment.awaitWorkers();
			run(deployment, server, jobs, "warm-up");
			run(deployment, server, jobs, "remote");
			List<LocalDateTime> times = deployment.jdbc()
				.sql("SELECT START_TIME, END_TIME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'brief'"
						+ " ORDER BY STEP_EXECUTION_ID DESC LIMIT 1")
				.query((rs, row) -> List.of(rs.getTimestamp(1).toLocalDateTime(), rs.getTimestamp(2).toLocalDateTime()))
				.single();
			return Duration.between(times.get(0), times.get(1));
		}
	}

}
