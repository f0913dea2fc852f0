package de.nachtbrief.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;
import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;
import de.nachtbrief.text.TokenCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A night's cost known before and capped during (issue 12, part 5). {@code run --dry-run}
 * reads and splits what a run would brief, sends no chat call and records nothing, and
 * its prompt tokens are those the real run then sends. A job's {@code budget}: when the
 * next document would cross it, the run sends no more, leaves the rest pending and says
 * so in its output, report and digest; the next run takes up the rest.
 */
class RunCostTests {

	/** Per million tokens, in USD. */
	private static final Map<String, String> PRICES = Map.of("nachtbrief.backends.openai.input-price", "2",
			"nachtbrief.backends.openai.output-price", "8");

	private static final String BAHN = "Die Gewerkschaft hat für Donnerstag einen Warnstreik bei der Regionalbahn "
			+ "angekündigt. Betroffen sind rund 240 Verbindungen im ganzen Land, teilte die Gewerkschaft mit.";

	private static final String ZOO = "Der Zoo in Leipzig hat am Montag zwei junge Elefanten vorgestellt. Die Tiere "
			+ "kamen im März zur Welt und wiegen zusammen schon 380 Kilogramm.";

	/** The dry run's row: calls, prompt tokens, answer tokens, cost. */
	private static final Pattern ROW = Pattern.compile("openai +(\\d+) +([\\d,]+) +([\\d,]+) +([\\d.,]+)");

	private static final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path workspace;

	private RunFolders folders;

	@BeforeEach
	void setPrices() {
		this.folders = new RunFolders(this.workspace);
		PRICES.forEach(System::setProperty);
	}

	@AfterEach
	void clearPrices() {
		PRICES.keySet().forEach(System::clearProperty);
	}

	@Test
	void aDryRunSendsNothingRecordsNothingAndItsPromptTokensAreWhatTheRunSends() throws Exception {
		this.folders.input("rathaus.txt", RunFolders.RATHAUS);
		this.folders.input("bahn.txt", BAHN);
		Path input = this.folders.input("leer.txt", "");
		Path job = this.folders.job("nacht.yaml", "input:\n  stable-for: 0s\nlanguages: [en, zh]\n");
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			CommandLines.Result dry = CommandLines.execute(args(job, input, server, "--dry-run"));

			assertThat(dry.exitCode()).as(dry.text()).isZero();
			assertThat(dry.out()).contains("3 files found, 3 to brief, 0 skipped")
				.contains("1 of them cannot be read and would go to failed/:")
				.contains("leer.txt: the file is empty");
			assertThat(server.chatCalls()).as("a dry run sends no chat call").isZero();
			assertThat(this.folders.output().resolve("briefs")).doesNotExist();
			assertThat(this.folders.output().resolve("failed")).doesNotExist();
			assertThat(input.resolve("leer.txt")).exists();
			Matcher row = ROW.matcher(dry.out());
			assertThat(row.find()).as(dry.out()).isTrue();
			assertThat(row.group(1)).as("one call per readable document").isEqualTo("2");
			long estimatedPrompt = Long.parseLong(row.group(2).replace(",", ""));
			long estimatedAnswer = Long.parseLong(row.group(3).replace(",", ""));
			double cost = Double.parseDouble(row.group(4).replace(",", ""));
			assertThat(cost).isCloseTo((estimatedPrompt * 2 + estimatedAnswer * 8) / 1e6, within(1e-4));

			CommandLines.Result real = CommandLines.execute(args(job, input, server));

			assertThat(real.exitCode()).as(real.text()).isZero();
			assertThat(server.chatCalls()).isEqualTo(2);
			long sent = 0;
			for (RecordedRequest request : server.chatRequests()) {
				sent += TokenCounter.shared().count(request.allMessageText()) + TokenCounter.shared()
					.count(request.responseFormat().path("json_schema").path("schema").toString());
			}
			assertThat((double) estimatedPrompt).isCloseTo(sent, within(sent * 0.05));

			CommandLines.Result again = CommandLines.execute(args(job, input, server, "--dry-run"));

			assertThat(again.out()).as("the empty file went to failed/")
				.contains("2 files found, 0 to brief, 2 skipped")
				.contains("No model calls");
		}
	}

	@Test
	void aRunStopsSendingAtItsBudgetAndTheNextRunFinishesTheRest() throws Exception {
		this.folders.input("meldung-0.txt", RunFolders.RATHAUS);
		this.folders.input("meldung-1.txt", BAHN);
		Path input = this.folders.input("meldung-2.txt", ZOO);
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			Path unlimited = this.folders.job("ohne.yaml", "input:\n  stable-for: 0s\n");
			CommandLines.Result dry = CommandLines.execute(args(unlimited, input, server, "--dry-run"));
			Matcher row = ROW.matcher(dry.out());
			assertThat(row.find()).as(dry.out()).isTrue();
			// Room for two of the three similar articles, not for the third.
			double budget = Double.parseDouble(row.group(4).replace(",", "")) * 0.75;
			Path capped = this.folders.job("nacht.yaml", "input:\n  stable-for: 0s\nbudget: " + budget + "\n");

			assertThat(CommandLines.execute(args(capped, input, server, "--dry-run")).out())
				.contains("covers about 2 of the 3 documents; the run would leave the other 1 for the next run.");

			CommandLines.Result first = CommandLines.execute(args(capped, input, server));

			assertThat(first.exitCode()).as(first.text()).isZero();
			assertThat(first.out()).contains("sent no more documents: the run reached its budget of");
			assertThat(server.chatCalls()).isEqualTo(2);
			JsonNode report = report(1);
			assertThat(report.at("/counts/briefed").asInt()).isEqualTo(2);
			assertThat(report.at("/counts/pending").asInt()).isEqualTo(1);
			assertThat(report.at("/leftPending/0/reason").asText()).isEqualTo("the run reached its budget of "
					+ BigDecimal.valueOf(budget).toPlainString() + " USD; the next run briefs it");
			assertThat(report.at("/budget/limit").asDouble()).isEqualTo(budget);
			assertThat(report.at("/budget/estimatedCost").asDouble()).isPositive().isLessThanOrEqualTo(budget);
			assertThat(report.at("/budget/spent").asDouble()).isPositive();
			assertThat(report.at("/budget/reached").asText()).contains("budget");
			assertThat(digest(".en.md"))
				.contains("This run reached its budget: 1 documents are left for the next run.");
			assertThat(digest(".zh.md")).contains("本次运行已达到预算上限：1 篇文档留待下次运行。");
			assertThat(this.folders.output().resolve("failed")).doesNotExist();

			CommandLines.Result second = CommandLines.execute(args(capped, input, server));

			assertThat(second.exitCode()).as(second.text()).isZero();
			assertThat(second.out()).doesNotContain("sent no more documents");
			assertThat(server.chatCalls()).as("only the document left pending is sent").isEqualTo(3);
			assertThat(report(2).at("/counts/briefed").asInt()).isEqualTo(1);
			assertThat(report(2).at("/budget").has("reached")).isFalse();
		}
	}

	@Test
	void shortDocumentsShareACallWhenTheBackendPacksAndTheDryRunSaysSo() throws Exception {
		Map<String, String> packing = Map.of("nachtbrief.backends.openai.pack-documents", "3",
				"nachtbrief.backends.openai.pack-wait", "30s");
		packing.forEach(System::setProperty);
		this.folders.input("rathaus.txt", RunFolders.RATHAUS);
		this.folders.input("bahn.txt", BAHN);
		Path input = this.folders.input("zoo.txt", ZOO);
		Path job = this.folders.job("nacht.yaml", "input:\n  stable-for: 0s\nlanguages: [en, zh]\n");
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			CommandLines.Result dry = CommandLines.execute(args(job, input, server, "--dry-run"));
			Matcher row = ROW.matcher(dry.out());
			assertThat(row.find()).as(dry.out()).isTrue();
			assertThat(row.group(1)).as("three short documents, one call").isEqualTo("1");
			long estimatedPrompt = Long.parseLong(row.group(2).replace(",", ""));

			CommandLines.Result real = CommandLines.execute(args(job, input, server));

			assertThat(real.exitCode()).as(real.text()).isZero();
			assertThat(server.chatCalls()).isEqualTo(1);
			RecordedRequest call = server.lastChatRequest();
			assertThat(call.allMessageText()).contains(RunFolders.RATHAUS, BAHN, ZOO);
			long sent = TokenCounter.shared().count(call.allMessageText())
					+ TokenCounter.shared().count(call.responseFormat().path("json_schema").path("schema").toString());
			assertThat((double) estimatedPrompt).isCloseTo(sent, within(sent * 0.10));
			JsonNode report = report(1);
			assertThat(report.at("/counts/briefed").asInt()).as(real.text()).isEqualTo(3);
			// Each brief is its own source's: the scripted model briefs each source's
			// first
			// sentences.
			Map<String, String> firstWords = Map.of("rathaus", "Der Stadtrat von Freiburg", "bahn",
					"Die Gewerkschaft hat", "zoo", "Der Zoo in Leipzig");
			long calls = 0;
			List<Path> briefs;
			try (Stream<Path> files = Files.walk(this.folders.output().resolve("briefs"))) {
				briefs = files.filter((file) -> file.toString().endsWith(".json")).toList();
			}
			assertThat(briefs).hasSize(3);
			for (Path file : briefs) {
				JsonNode brief = json.readTree(file.toFile());
				String source = brief.at("/source/file").asText().replace(".txt", "");
				assertThat(brief.at("/briefs/en/brief/summary").asText()).contains(firstWords.get(source));
				assertThat(brief.at("/briefs/zh/brief/headline").asText()).startsWith("【简体】");
				calls += brief.at("/usage/modelCalls").asLong();
			}
			assertThat(calls).as("the call is counted once across its documents").isEqualTo(1);
		}
		finally {
			packing.keySet().forEach(System::clearProperty);
		}
	}

	private String[] args(Path job, Path input, LoopbackLlmServer server, String... more) {
		return Stream
			.concat(Stream.of("run", job.toString(), "--input", input.toString(), "--output",
					this.folders.output().toString(), "--backend", "openai", "--base-url", server.openAiBaseUrl(),
					"--model", "m"), Stream.of(more))
			.toArray(String[]::new);
	}

	private JsonNode report(int run) throws IOException {
		return json.readTree(this.folders.output().resolve("runs/run-" + run + ".json").toFile());
	}

	private String digest(String suffix) throws IOException {
		try (Stream<Path> files = Files.list(this.folders.output().resolve("digests"))) {
			Path digest = files.filter((file) -> file.toString().endsWith(suffix)).findFirst().orElseThrow();
			return Files.readString(digest);
		}
	}

}
