package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;
import de.nachtbrief.text.TokenCounter;

/**
 * What a run sends its model, measured as issue 12 asks: the first 200 articles, four
 * calls at a time, a fixed latency of 200 ms per call, English and Chinese. Counts the
 * calls per document and the prompt tokens per source token (the project's tokenizer over
 * the messages the loopback server received, with and without the JSON schema sent as the
 * response format), and how close the brief step's wall time comes to the ideal ⌈calls /
 * C⌉ · L.
 */
final class TokenEconomyBenchmark {

	private static final int DOCUMENTS = 200;

	private static final int CONCURRENCY = 4;

	private static final long LATENCY_MS = 200;

	private static final List<String> LANGUAGES = List.of("en", "zh");

	private TokenEconomyBenchmark() {
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
		TokenCounter tokens = TokenCounter.shared();
		SimulatedLatency latency = new SimulatedLatency(LATENCY_MS, 0, LATENCY_MS);
		try (LoopbackLlmServer server = LoopbackLlmServer.start();
				BenchmarkRun run = BenchmarkRun.start("tokens", DOCUMENTS)) {
			server.answer(latency);
			RunPlan plan = run.plan("openai", server.openAiBaseUrl(), LANGUAGES);
			long sourceTokens = sourceTokens(plan.inputFolder(), tokens);
			BenchmarkRun.Measured measured = run.realJob(plan);
			List<RecordedRequest> calls = server.chatRequests();
			long messageTokens = 0;
			long schemaTokens = 0;
			Map<String, long[]> byKind = new TreeMap<>();
			for (RecordedRequest call : calls) {
				long[] kind = byKind.computeIfAbsent(kind(call), (key) -> new long[3]);
				for (JsonNode message : call.messages()) {
					String role = message.path("role").asText();
					long count = tokens.count(message.path("content").asText());
					messageTokens += count;
					kind[role.equals("system") ? 1 : 2] += count;
				}
				kind[0]++;
				schemaTokens += tokens.count(call.responseFormat().toString());
			}
			int documents = measured.briefed() + measured.failed();
			double wall = measured.step("brief").toNanos() / 1e9;
			double ideal = Math.ceil((double) calls.size() / CONCURRENCY) * LATENCY_MS / 1000.0;
			System.out.printf(
					"0. What the model is sent: %d articles (%d briefed, %d failed), languages %s, "
							+ "%d calls at a time, %d ms per call.%n",
					documents, measured.briefed(), measured.failed(), LANGUAGES, CONCURRENCY, LATENCY_MS);
			System.out.println("Tokens are counted with the project's tokenizer (JTokkit o200k_base) over the requests "
					+ "the loopback server received; the source is the articles' text.");
			System.out.println();
			System.out.println("| Calls per document | Prompt tokens per source token | with the JSON schema "
					+ "| Efficiency against ⌈calls/C⌉·L | Brief step wall |");
			System.out.println("| ---: | ---: | ---: | ---: | ---: |");
			System.out.printf("| %.2f | %.2f | %.2f | %.2f | %.1f s |%n%n", (double) calls.size() / documents,
					(double) messageTokens / sourceTokens, (double) (messageTokens + schemaTokens) / sourceTokens,
					ideal / wall, wall);
			System.out.println("| Call | Calls | Instructions per source token | Data per source token |");
			System.out.println("| --- | ---: | ---: | ---: |");
			byKind.forEach((kind, sums) -> System.out.printf("| %s | %d | %.2f | %.2f |%n", kind, sums[0],
					(double) sums[1] / sourceTokens, (double) sums[2] / sourceTokens));
			System.out.println();
		}
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
