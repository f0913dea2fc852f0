package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A job in batch mode (issue 12, part 6), against the loopback server's files and batches
 * endpoints: the run sends every document's call as one batch, waits for it, and briefs
 * from its answers at the batch price; what the batch leaves unanswered is asked
 * directly.
 */
class BatchModeTests {

	/** Per million tokens, in USD; batches at half of it. */
	private static final Map<String, String> SETTINGS = Map.of("nachtbrief.backends.openai.input-price", "2",
			"nachtbrief.backends.openai.output-price", "8", "nachtbrief.backends.openai.batch-poll-interval", "50ms");

	private static final int PROMPT_TOKENS = 1000;

	private static final int ANSWER_TOKENS = 200;

	private static final double DIRECT_COST = (PROMPT_TOKENS * 2 + ANSWER_TOKENS * 8) / 1e6;

	private static final Map<String, String> ARTICLES = Map.of("rathaus.txt", RunFolders.RATHAUS, "bahn.txt",
			"Die Gewerkschaft hat für Donnerstag einen Warnstreik bei der Regionalbahn angekündigt. Betroffen sind "
					+ "rund 240 Verbindungen im ganzen Land, teilte die Gewerkschaft mit.",
			"zoo.txt", "Der Zoo in Leipzig hat am Montag zwei junge Elefanten vorgestellt. Die Tiere kamen im März "
					+ "zur Welt und wiegen zusammen schon 380 Kilogramm.");

	private static final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path workspace;

	private RunFolders folders;

	private Path input;

	private Path job;

	@BeforeEach
	void writeInputAndJob() throws IOException {
		SETTINGS.forEach(System::setProperty);
		this.folders = new RunFolders(this.workspace);
		for (Map.Entry<String, String> article : ARTICLES.entrySet()) {
			this.input = this.folders.input(article.getKey(), article.getValue());
		}
		this.job = this.folders.job("nacht.yaml",
				"input:\n  stable-for: 0s\nlanguages: [en, zh]\nbackends:\n  mode: batch\n");
	}

	@AfterEach
	void clearSettings() {
		SETTINGS.keySet().forEach(System::clearProperty);
	}

	@Test
	void aBatchNightBriefsEveryDocumentFromOneBatchAtHalfThePrice() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			server.usage(PROMPT_TOKENS, ANSWER_TOKENS);
			server.batchStatusRequestsUntilDone(3);
			CommandLines.Result dry = CommandLines.execute(args(server, "--dry-run"));
			assertThat(dry.out()).contains("Batch mode: the summarizer's calls are priced at 0.5 of its direct prices");

			CommandLines.Result run = CommandLines.execute(args(server));

			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(server.batchesCreated()).isEqualTo(1);
			assertThat(server.chatCalls()).as("no document was asked directly").isZero();
			List<JsonNode> lines = server.batchLines();
			assertThat(lines).hasSize(3).allSatisfy((line) -> {
				assertThat(line.path("url").asText()).isEqualTo("/v1/chat/completions");
				assertThat(line.at("/body/model").asText()).isEqualTo("m");
				assertThat(line.at("/body/response_format/json_schema/schema/properties/briefs/required").toString())
					.isEqualTo("[\"en\",\"zh\"]");
				assertThat(line.at("/body/messages/1/content").asText()).containsPattern("<<<SOURCE-[0-9a-f]{16}\\n");
			});
			for (JsonNode brief : briefs()) {
				String source = ARTICLES.get(brief.at("/source/file").asText());
				String firstWords = source.substring(0, 20);
				assertThat(brief.at("/briefs/en/brief/summary").asText()).contains(firstWords);
				assertThat(brief.at("/briefs/zh/brief/headline").asText()).startsWith("【简体】");
				assertThat(brief.at("/usage/modelCalls").asInt()).isEqualTo(1);
				assertThat(brief.at("/usage/cost").asDouble()).as("half the direct price")
					.isCloseTo(DIRECT_COST / 2, within(1e-12));
			}
			JsonNode report = report();
			assertThat(report.at("/counts/briefed").asInt()).isEqualTo(3);
			assertThat(report.at("/tokensPerBackend/openai/cost").asDouble()).isCloseTo(3 * DIRECT_COST / 2,
					within(1e-9));
		}
	}

	@Test
	void whatAnExpiredBatchDidNotAnswerIsAskedDirectly() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			server.usage(PROMPT_TOKENS, ANSWER_TOKENS);
			server.expireBatchesAfter(1);

			CommandLines.Result run = CommandLines.execute(args(server));

			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(server.batchesCreated()).isEqualTo(1);
			assertThat(server.chatCalls()).as("the two requests the batch left").isEqualTo(2);
			assertThat(report().at("/counts/briefed").asInt()).isEqualTo(3);
			double cost = briefs().stream().mapToDouble((brief) -> brief.at("/usage/cost").asDouble()).sum();
			assertThat(cost).isCloseTo(DIRECT_COST / 2 + 2 * DIRECT_COST, within(1e-12));
		}
	}

	@Test
	void aBatchThatFailsLeavesEveryDocumentToDirectCalls() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			server.failBatches();

			CommandLines.Result run = CommandLines.execute(args(server));

			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(server.chatCalls()).isEqualTo(3);
			assertThat(report().at("/counts/briefed").asInt()).isEqualTo(3);
		}
	}

	@Test
	void theBatchHoldsWhatTheBudgetCoversAtTheBatchPriceAndTheNextRunTheRest() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			CommandLines.Result dry = CommandLines.execute(args(server, "--dry-run"));
			java.util.regex.Matcher row = java.util.regex.Pattern
				.compile("openai +(\\d+) +([\\d,]+) +([\\d,]+) +([\\d.,]+)")
				.matcher(dry.out());
			assertThat(row.find()).as(dry.out()).isTrue();
			// Room for two of the three similar articles at the batch price, not for the
			// third.
			double budget = Double.parseDouble(row.group(4).replace(",", "")) * 0.75;
			this.job = this.folders.job("knapp.yaml", "input:\n  stable-for: 0s\nlanguages: [en, zh]\nbackends:\n"
					+ "  mode: batch\nbudget: " + budget + "\n");

			CommandLines.Result first = CommandLines.execute(args(server));

			assertThat(first.exitCode()).as(first.text()).isZero();
			assertThat(server.batchLines()).hasSize(2);
			assertThat(server.chatCalls()).isZero();
			assertThat(report().at("/counts/briefed").asInt()).as(first.text()).isEqualTo(2);
			assertThat(report().at("/counts/pending").asInt()).isEqualTo(1);

			CommandLines.Result second = CommandLines.execute(args(server));

			assertThat(second.exitCode()).as(second.text()).isZero();
			assertThat(server.batchesCreated()).as("the next run's batch holds the rest").isEqualTo(2);
			assertThat(server.batchLines()).hasSize(3);
			assertThat(server.chatCalls()).isZero();
		}
	}

	@Test
	void anUnchangedRerunSendsNoSecondBatch() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			assertThat(CommandLines.execute(args(server)).exitCode()).isZero();

			CommandLines.Result again = CommandLines.execute(args(server));

			assertThat(again.exitCode()).as(again.text()).isZero();
			assertThat(server.batchesCreated()).isEqualTo(1);
			assertThat(server.chatCalls()).isZero();
		}
	}

	@Test
	void aFreshRunSendsItsDocumentsAsANewBatchRatherThanDirectly() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			assertThat(CommandLines.execute(args(server)).exitCode()).isZero();

			CommandLines.Result fresh = CommandLines.execute(args(server, "--fresh"));

			assertThat(fresh.exitCode()).as(fresh.text()).isZero();
			assertThat(server.batchesCreated()).isEqualTo(2);
			assertThat(server.batchLines()).hasSize(6);
			assertThat(server.chatCalls()).as("no direct call").isZero();
		}
	}

	private String[] args(LoopbackLlmServer server, String... more) {
		return Stream.concat(Stream.of("run", this.job.toString(), "--input", this.input.toString(), "--output",
				this.folders.output().toString(), "--backend", "openai", "--base-url", server.openAiBaseUrl(),
				"--model", "m"), Stream.of(more))
			.toArray(String[]::new);
	}

	private List<JsonNode> briefs() throws IOException {
		try (Stream<Path> files = Files.walk(this.folders.output().resolve("briefs"))) {
			List<Path> paths = files.filter((file) -> file.toString().endsWith(".json")).toList();
			assertThat(paths).hasSize(3);
			return paths.stream().map((path) -> {
				try {
					return json.readTree(path.toFile());
				}
				catch (IOException ex) {
					throw new AssertionError(ex);
				}
			}).toList();
		}
	}

	private JsonNode report() throws IOException {
		return json.readTree(this.folders.output().resolve("runs/run-1.json").toFile());
	}

}
