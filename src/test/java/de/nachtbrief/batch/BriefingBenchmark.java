package de.nachtbrief.batch;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import de.nachtbrief.llm.LoopbackLlmServer;

/**
 * Prints figures measured side by side in one JVM run: how well the brief step keeps a
 * slow model backend busy, as built by {@link BriefingJob} and as two plain chunk steps,
 * then how fast the extractive backend briefs the corpus ({@link ExtractiveBenchmark}).
 * Run it with {@code ./mvnw -B -q -Pbench test-compile exec:exec}; no test runs it.
 */
public final class BriefingBenchmark {

	private static final int DOCUMENTS = 120;

	/**
	 * The sequential baseline is four times slower per document, so it briefs only the
	 * first few.
	 */
	private static final int SEQUENTIAL_DOCUMENTS = 20;

	private static final int CONCURRENCY = 4;

	private static final List<String> LANGUAGES = List.of("en");

	private static final SimulatedLatency LATENCY = new SimulatedLatency(150, 1.1, 3000);

	private BriefingBenchmark() {
	}

	private interface Variant {

		BenchmarkRun.Measured run(BenchmarkRun run, RunPlan plan) throws Exception;

	}

	private record Row(String variant, int workers, int documents, int failed, double wall, double slept,
			double drawn) {

		double perMinute() {
			return this.documents * 60 / this.wall;
		}

		double efficiency() {
			return this.slept / (this.wall * this.workers);
		}

	}

	public static void main(String[] args) throws Exception {
		// The JDK server writes headers and body apart; with Nagle on, every answer would
		// wait ~40 ms for the
		// client's delayed ACK, a loopback artefact that no real backend adds.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		System.out.printf("Nachtbrief briefing benchmark: %d cores, Java %s, %s.%n",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
				HeapWatch.describeJvm());
		System.out.printf("Articles: %s.%n%n", BenchmarkCorpus.describe());
		withModel("warm-up", 40, CONCURRENCY, SimulatedLatency.none(), (run, plan) -> run.realJob(plan));
		TokenEconomyBenchmark.run();
		concurrency();
		ExtractiveBenchmark.run();
		System.out.printf("%nThe benchmark JVM ran %.0f s.%n",
				ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
	}

	private static void concurrency() throws Exception {
		Row a = withModel("a. partitioned step, one shared queue (BriefingJob)", DOCUMENTS, CONCURRENCY, LATENCY,
				(run, plan) -> run.realJob(plan));
		Row b = withModel("b. chunk step, taskExecutor(4 threads), chunk size 4", DOCUMENTS, CONCURRENCY, LATENCY,
				(run, plan) -> {
					ThreadPoolTaskExecutor threads = new ThreadPoolTaskExecutor();
					threads.setCorePoolSize(CONCURRENCY);
					threads.setThreadNamePrefix("chunk-");
					threads.initialize();
					try {
						return run.chunkJob(plan, CONCURRENCY, threads);
					}
					finally {
						threads.shutdown();
					}
				});
		Row c = withModel("c. sequential chunk step, chunk size 1", SEQUENTIAL_DOCUMENTS, 1, LATENCY,
				(run, plan) -> run.chunkJob(plan, 1, null));
		// The same call draws the same latency in every variant, so the latency drawn
		// scales c to all documents.
		double sequentialWall = c.wall() * a.drawn() / c.drawn();
		System.out.printf(
				"1. Model backend with LLM-like latency: OpenAI protocol on a loopback HTTP server, "
						+ "languages %s (1 summarize + 1 translate call per document), latency per call %s.%n",
				LANGUAGES, LATENCY.describe());
		System.out
			.println("Wall time is the brief step's; efficiency = latency the server slept / (wall time x workers).");
		System.out.printf(
				"Latency drawn: a %.1f s and b %.1f s for all %d documents, c %.1f s for its first %d; "
						+ "slept is a little more, by how late each sleeping thread woke up.%n",
				a.drawn(), b.drawn(), DOCUMENTS, c.drawn(), c.documents());
		System.out.printf(
				"Speed-up is against c's wall time extrapolated to all %d documents: %.1f s "
						+ "(c's measured wall time x latency drawn for all %d / latency drawn for c's %d).%n%n",
				DOCUMENTS, sequentialWall, DOCUMENTS, c.documents());
		System.out.println(
				"| Variant | Workers | Documents | Wall time | Documents/min | Latency slept | Efficiency | Speed-up |");
		System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (Row row : List.of(a, b, c)) {
			double wallForAll = row == c ? sequentialWall : row.wall();
			System.out.printf("| %s | %d | %d%s | %.1f s | %.0f | %.1f s | %.2f | %.2fx |%n", row.variant(),
					row.workers(), row.documents(), row.failed() > 0 ? " (" + row.failed() + " failed)" : "",
					row.wall(), row.perMinute(), row.slept(), row.efficiency(), sequentialWall / wallForAll);
		}
		System.out.println();
	}

	private static Row withModel(String variant, int documents, int workers, SimulatedLatency latency, Variant job)
			throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start();
				BenchmarkRun run = BenchmarkRun.start("model", documents)) {
			server.answer(latency);
			double sleptBefore = latency.sleptSeconds();
			double drawnBefore = latency.drawnSeconds();
			RunPlan plan = run.plan("openai", server.openAiBaseUrl(), LANGUAGES);
			if (plan.concurrency() != CONCURRENCY) {
				throw new IllegalStateException("the openai backend's max-concurrency is " + plan.concurrency()
						+ ", the benchmark compares at " + CONCURRENCY);
			}
			BenchmarkRun.Measured measured = job.run(run, plan);
			return new Row(variant, workers, measured.briefed() + measured.failed(), measured.failed(),
					measured.step("brief").toNanos() / 1e9, latency.sleptSeconds() - sleptBefore,
					latency.drawnSeconds() - drawnBefore);
		}
	}

}
