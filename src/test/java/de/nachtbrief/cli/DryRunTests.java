package de.nachtbrief.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * {@code run --dry-run} (issue 12, part 5): a night's cost known before it is spent. It
 * reads and splits what a run would brief, sends no chat call and records nothing, and
 * its prompt tokens are those the real run then sends.
 */
class DryRunTests {

	private static final Map<String, String> PRICES = Map.of("nachtbrief.backends.openai.input-price", "2",
			"nachtbrief.backends.openai.output-price", "8");

	private static final String BAHN = "Die Gewerkschaft hat für Donnerstag einen Warnstreik bei der Regionalbahn "
			+ "angekündigt. Betroffen sind rund 240 Verbindungen im ganzen Land, teilte die Gewerkschaft mit. "
			+ "Pendler sollen auf Busse ausweichen, die zusätzlich eingesetzt werden.";

	private static final Pattern ROW = Pattern.compile("openai +(\\d+) +([\\d,]+) +([\\d,]+) +([\\d.,]+)");

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
			List<String> args = List.of("run", job.toString(), "--input", input.toString(), "--output",
					this.folders.output().toString(), "--backend", "openai", "--base-url", server.openAiBaseUrl(),
					"--model", "m");

			CommandLines.Result dry = CommandLines.execute(append(args, "--dry-run"));

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

			CommandLines.Result real = CommandLines.execute(args.toArray(String[]::new));

			assertThat(real.exitCode()).as(real.text()).isZero();
			assertThat(server.chatCalls()).isEqualTo(2);
			long sent = 0;
			for (RecordedRequest request : server.chatRequests()) {
				sent += TokenCounter.shared().count(request.allMessageText()) + TokenCounter.shared()
					.count(request.responseFormat().path("json_schema").path("schema").toString());
			}
			assertThat((double) estimatedPrompt).isCloseTo(sent, within(sent * 0.05));

			CommandLines.Result again = CommandLines.execute(append(args, "--dry-run"));

			assertThat(again.out()).as("the empty file went to failed/")
				.contains("2 files found, 0 to brief, 2 skipped")
				.contains("No model calls");
		}
	}

	private static String[] append(List<String> args, String... more) {
		return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
	}

}
