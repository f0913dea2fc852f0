package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;
import de.nachtbrief.text.TokenCounter;

/**
 * What a run sends its model, measured as issue 12 asks: the first 200 articles, four
 * (and 32) calls at a time, a fixed latency of 200 ms per call, English and Chinese.
 * Counts the calls per document and the prompt tokens per source token (the project's
 * tokenizer over the messages the loopback server received, with and without the JSON
 * schema sent as the response format), and how close the brief step's wall time comes to
 * the ideal ⌈calls / C⌉ · L.
 */
final class TokenEconomyBenchmark {

	private static final int DOCUMENTS = 200;

	/**
	 * Calls at a time and documents per call: each document alone, and short ones packed
	 * (up to 4000 source tokens a call).
	 */
	private static final List<Setting> SETTINGS = List.of(new Setting(4, 1), new Setting(4, 4), new Setting(4, 8),
			new Setting(32, 1), new Setting(32, 4));

	private static final String MAX_CONCURRENCY = "nachtbrief.backends.openai.max-concurrency";

	private static final String PACK_DOCUMENTS = "nachtbrief.backends.openai.pack-documents";

	private static final String SOURCE = "~source";

	private static final long LATENCY_MS = 200;

	private static final List<String> LANGUAGES = List.of("en", "zh");

	private TokenEconomyBenchmark() {
	}

	private record Setting(int concurrency, int packDocuments) {
	}

	/**
	 * Alone:
	 * {@code ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=<this class>}.
	 */
	public static void main(String[] args) throws Exception {
		System.setProperty("sun.net.httpserver.nodelay", "true");
		run();
	}

	static void run() throws Exception {
		System.out.printf(
				"0. What the model is sent: the first %d articles, languages %s, %d ms per call, "
						+ "C calls at a time (the openai backend's max-concurrency), each document alone (pack 1) "
						+ "or up to that many short ones in a call (pack-documents, pack-tokens 4000).%n",
				DOCUMENTS, LANGUAGES, LATENCY_MS);
		System.out.println("Tokens are counted with the project's tokenizer (JTokkit o200k_base) over the requests "
				+ "the loopback server received and the answers it gave; the source is the articles' text. "
				+ "Efficiency = ⌈documents / C⌉ · L / brief step wall time (the ideal for one call per document: "
				+ "every call at full concurrency, nothing but the model's latency; packing can beat it). "
				+ "Overhead per document = (wall − ⌈calls / C⌉ · L) · C / documents, an average, not per document. Cached share is from the usage the backend reports "
				+ "(the loopback server reports none). Re-run: the same input run again unchanged.");
		System.out.println("Dry run: run --dry-run's estimate of the calls, prompt tokens (messages and schema) and "
				+ "output tokens, made before the run on the same plan, beside what the run then sent and got.");
		System.out.println();
		System.out.println("| C | Pack | Documents (failed) | Calls per document | Prompt tokens per source token "
				+ "| with the JSON schema | Cached share | Output tokens per document | Brief step wall "
				+ "| Efficiency | Overhead per document | Calls on re-run | Peak heap "
				+ "| Dry run: calls, prompt tokens, output tokens (actual) |");
		System.out.println(
				"| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
		Map<String, long[]> byKind = null;
		for (Setting setting : SETTINGS) {
			Map<String, long[]> kinds = measure(setting);
			byKind = (byKind != null) ? byKind : kinds;
		}
		System.out.println();
		workOutsideTheModel();
		System.out.println();
		System.out.printf("Where the prompt tokens go at C = %d, each document alone (tokens per source token):%n%n",
				SETTINGS.get(0).concurrency());
		System.out.println("| Call | Calls | Instructions per source token | Data per source token |");
		System.out.println("| --- | ---: | ---: | ---: |");
		long source = byKind.remove(SOURCE)[0];
		byKind.forEach((kind, sums) -> System.out.printf("| %s | %d | %.2f | %.2f |%n", kind, sums[0],
				(double) sums[1] / source, (double) sums[2] / source));
		System.out.println();
	}

	/**
	 * One table row; returns the prompt tokens by kind of call, the source under SOURCE.
	 */
	private static Map<String, long[]> measure(Setting setting) throws Exception {
		int concurrency = setting.concurrency();
		TokenCounter tokens = TokenCounter.shared();
		SimulatedLatency latency = new SimulatedLatency(LATENCY_MS, 0, LATENCY_MS);
		// Counted after the run: counting while it runs would add to the work measured.
		Queue<String> answers = new ConcurrentLinkedQueue<>();
		System.setProperty(MAX_CONCURRENCY, Integer.toString(concurrency));
		System.setProperty(PACK_DOCUMENTS, Integer.toString(setting.packDocuments()));
		try (HeapWatch heap = new HeapWatch();
				LoopbackLlmServer server = LoopbackLlmServer.start();
				BenchmarkRun run = BenchmarkRun.start("tokens", DOCUMENTS)) {
			server.answer((request) -> {
				String answer = latency.apply(request);
				answers.add(answer);
				return answer;
			});
			RunPlan plan = run.plan("openai", server.openAiBaseUrl(), LANGUAGES);
			if (plan.concurrency() != concurrency) {
				throw new IllegalStateException(
						"the run's concurrency is " + plan.concurrency() + ", not " + concurrency);
			}
			long sourceTokens = sourceTokens(plan.inputFolder(), tokens);
			Usage estimate = run.dryRun(plan).total();
			BenchmarkRun.Measured measured = run.realJob(plan);
			long outputTokens = answers.stream().mapToLong(tokens::count).sum();
			List<RecordedRequest> calls = server.chatRequests();
			int callsFirstRun = calls.size();
			long messageTokens = 0;
			long schemaTokens = 0;
			Map<String, long[]> byKind = new TreeMap<>();
			for (RecordedRequest call : calls) {
				long[] kind = byKind.computeIfAbsent(kind(call), (key) -> new long[3]);
				for (JsonNode message : call.messages()) {
					long count = tokens.count(message.path("content").asText());
					messageTokens += count;
					kind[message.path("role").asText().equals("system") ? 1 : 2] += count;
				}
				kind[0]++;
				schemaTokens += tokens.count(call.responseFormat().toString());
			}
			byKind.put(SOURCE, new long[] { sourceTokens });
			double cachedShare = run.tokens("cached-input") / Math.max(1, run.tokens("input"));
			int documents = measured.briefed() + measured.failed();
			double wall = measured.step("brief").toNanos() / 1e9;
			double ideal = Math.ceil((double) documents / concurrency) * LATENCY_MS / 1000.0;
			double waits = Math.ceil((double) callsFirstRun / concurrency) * LATENCY_MS / 1000.0;
			// Unchanged input, same state: a second run must not call the model at all.
			run.realJob(run.plan("openai", server.openAiBaseUrl(), LANGUAGES));
			int callsOnRerun = server.chatRequests().size() - callsFirstRun;
			System.out.printf(
					"| %d | %d | %d (%d) | %.2f | %.2f | %.2f | %.2f | %.0f | %.1f s | %.2f | %.1f ms | %d | %d MiB "
							+ "| %,d (%,d), %,d (%,d), %,d (%,d) |%n",
					concurrency, setting.packDocuments(), documents, measured.failed(),
					(double) callsFirstRun / documents, (double) messageTokens / sourceTokens,
					(double) (messageTokens + schemaTokens) / sourceTokens, cachedShare,
					(double) outputTokens / documents, wall, ideal / wall,
					(wall - waits) * 1000 * concurrency / documents, callsOnRerun, heap.peakSampledMiB(),
					estimate.calls(), callsFirstRun, estimate.inputTokens(), messageTokens + schemaTokens,
					estimate.outputTokens(), outputTokens);
			return byKind;
		}
		finally {
			System.clearProperty(MAX_CONCURRENCY);
			System.clearProperty(PACK_DOCUMENTS);
		}
	}

	/**
	 * The same documents at C = 4 against a server that answers at once: the brief step's
	 * wall time per document is then the pipeline's own work per document (extracting,
	 * prompting, parsing, checking, writing files and rows), as the issue measured it.
	 * Each document's time in its worker is printed too; with more workers than cores it
	 * includes waiting for one.
	 */
	private static void workOutsideTheModel() throws Exception {
		System.setProperty(MAX_CONCURRENCY, "4");
		try (LoopbackLlmServer server = LoopbackLlmServer.start();
				BenchmarkRun run = BenchmarkRun.start("work", DOCUMENTS)) {
			server.answer(SimulatedLatency.none());
			RunPlan plan = run.plan("openai", server.openAiBaseUrl(), LANGUAGES);
			BenchmarkRun.Measured measured = run.realJob(plan);
			List<Long> durations = run.durationsMs(measured);
			double wall = measured.step("brief").toNanos() / 1e6;
			System.out.printf(
					"Work per document outside model calls (C = 4, a server answering at once, %d documents): brief "
							+ "step %.1f s, %.1f ms per document (wall / documents, as issue 12 measured it); each "
							+ "document's time in its worker, which includes waiting for a core and an extraction JVM: "
							+ "median %d ms, p95 %d ms, max %d ms.%n",
					durations.size(), wall / 1000, wall / durations.size(), percentile(durations, 50),
					percentile(durations, 95), durations.get(durations.size() - 1));
		}
		finally {
			System.clearProperty(MAX_CONCURRENCY);
		}
	}

	private static long percentile(List<Long> sorted, int percent) {
		return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
	}

	/** A call's kind, from the first words of its instructions. */
	private static String kind(RecordedRequest call) {
		String system = call.messages().get(0).path("content").asText();
		String[] words = system.split("\\s+", 4);
		return String.join(" ", Arrays.copyOf(words, Math.min(3, words.length)));
	}

	private static long sourceTokens(Path input, TokenCounter tokens) throws IOException {
		long total = 0;
		try (Stream<Path> files = Files.list(input)) {
			for (Path file : files.toList()) {
				total += tokens.count(Files.readString(file));
			}
		}
		return total;
	}

}
