package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.nachtbrief.definition.Language;

/**
 * The second half of {@link BriefingBenchmark}: the real job with the extractive backend
 * over the whole corpus, its throughput, its peak heap and where a document's time goes.
 */
final class ExtractiveBenchmark {

	private ExtractiveBenchmark() {
	}

	static void run() throws Exception {
		int articles = BenchmarkCorpus.isReal() ? Integer.MAX_VALUE : 300;
		try (BenchmarkRun run = BenchmarkRun.start("extractive", articles)) {
			RunPlan plan = run.plan("extractive", null, null);
			BenchmarkRun.Measured measured;
			HeapWatch heap;
			try (HeapWatch watch = new HeapWatch()) {
				measured = run.realJob(plan);
				heap = watch;
			}
			int documents = measured.briefed() + measured.failed();
			double job = seconds(measured, null);
			double brief = seconds(measured, "brief");
			long[] stages = stageMillis(run.output().resolve("briefs"));
			System.out.printf(
					"2. Extractive backend: the real job over %d articles, %d workers, languages %s "
							+ "(the job default), outputs json + %s.%n%n",
					documents, plan.concurrency(), plan.languages().stream().map(Language::code).toList(),
					plan.definition()
						.output()
						.formats()
						.stream()
						.map((f) -> f.name().toLowerCase(Locale.ROOT))
						.toList());
			System.out.println(
					"| Documents | Failed | Job wall time | Documents/s | Heap before | Peak heap sampled | Peak heap after GC |");
			System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
			System.out.printf("| %d | %d | %.1f s | %.1f | %d MiB | %d MiB | %d MiB |%n%n", documents,
					measured.failed(), job, documents / job, heap.baselineMiB(), heap.peakSampledMiB(),
					heap.peakAfterGcMiB());
			System.out.printf("Steps: discover %.1f s, brief %.1f s, digest %.1f s.%n", seconds(measured, "discover"),
					brief, seconds(measured, "digest"));
			System.out.printf(
					"Per document on its worker (from the timings in each brief): extract %.1f ms, "
							+ "brief %.1f ms, the rest of the worker's time (writing files, H2) %.1f ms.%n",
					stages[0] / (double) stages[2], stages[1] / (double) stages[2],
					(brief * 1000 * plan.concurrency() - stages[0] - stages[1]) / stages[2]);
			System.out.println("Heap before: in use after a full GC with the context up and the articles written.");
			System.out
				.println("Peak heap sampled: MemoryMXBean heap in use every 10 ms during the job, garbage included.");
			System.out.println(
					"Peak heap after GC: the largest heap in use right after a collection, from GC notifications.");
		}
	}

	private static double seconds(BenchmarkRun.Measured measured, String step) {
		return (step == null ? measured.job() : measured.step(step)).toNanos() / 1e9;
	}

	/**
	 * Summed extract and brief milliseconds over the briefs written, and their number.
	 */
	private static long[] stageMillis(Path briefs) throws IOException {
		ObjectMapper json = new ObjectMapper();
		long[] sums = new long[3];
		try (Stream<Path> files = Files.walk(briefs)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).toList()) {
				JsonNode timings = json.readTree(file.toFile()).path("timings");
				sums[0] += timings.path("extractMs").asLong();
				sums[1] += timings.path("briefMs").asLong();
				sums[2]++;
			}
		}
		return sums;
	}

}
