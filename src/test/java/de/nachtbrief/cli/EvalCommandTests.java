package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nachtbrief eval} on the built-in eval set: the baseline, the correct briefs the
 * check must leave alone, the planted inventions it must catch, and a backend reached
 * over the OpenAI protocol.
 */
class EvalCommandTests {

	@Test
	void scoresTheBuiltInRows() {
		CommandLines.Result eval = CommandLines.execute("eval");

		assertThat(eval.exitCode()).as(eval.text()).isZero();
		List<String> extractive = row(eval.out(), "extractive");
		assertThat(extractive.get(1)).isEqualTo("5 (0)");
		assertThat(extractive.get(2)).startsWith("0 of ");
		assertThat(extractive.get(3)).isEqualTo("0");
		List<String> reference = row(eval.out(), "reference (correct briefs)");
		assertThat(reference.get(4)).as("expected facts covered").isEqualTo("80 of 80 (100 %)");
		assertThat(reference.get(5)).as("language and script").isEqualTo("10 of 10 (100 %)");
		assertThat(reference.get(7)).as("glossary").isEqualTo("12 of 12 (100 %)");
		assertThat(reference.get(8)).as("nothing taken out of a correct brief").isEqualTo("0");
		List<String> planted = row(eval.out(), "planted (inventions in every part)");
		assertThat(planted.get(1)).as("every document still published").isEqualTo("5 (0)");
		assertThat(planted.get(2)).startsWith("0 of ");
		assertThat(planted.get(3)).isEqualTo("0");
		assertThat(planted.get(8)).as("what stayed wrong after asking once more is recorded").isNotEqualTo("0");
		assertThat(planted.get(9)).isEqualTo("80 of 80 (100 %)");
	}

	@Test
	void convertsTraditionalChineseFromSimplifiedAndChecksItsScript() {
		CommandLines.Result eval = CommandLines.execute("eval", "--languages", "zh,zh-Hant");

		assertThat(eval.exitCode()).as(eval.text()).isZero();
		assertThat(row(eval.out(), "reference (correct briefs)").get(5)).isEqualTo("10 of 10 (100 %)");
		assertThat(row(eval.out(), "reference (correct briefs)").get(7)).as("glossary, zh-Hant converted")
			.isEqualTo("12 of 12 (100 %)");
		assertThat(row(eval.out(), "planted (inventions in every part)").get(9)).isEqualTo("80 of 80 (100 %)");
	}

	@Test
	void scoresABackendReachedOverTheOpenAiProtocol() throws Exception {
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);

			CommandLines.Result eval = CommandLines.execute("eval", "--backend", "openai", "--base-url",
					server.openAiBaseUrl(), "--model", "m");

			assertThat(eval.exitCode()).as(eval.text()).isZero();
			List<String> openai = eval.out()
				.lines()
				.filter((line) -> line.startsWith("| openai"))
				.findFirst()
				.map(EvalCommandTests::cells)
				.orElseThrow(() -> new AssertionError("no openai row in " + eval.out()));
			assertThat(openai.get(1)).isEqualTo("5 (0)");
			assertThat(openai.get(2)).startsWith("0 of ");
			assertThat(openai.get(3)).isEqualTo("0");
			assertThat(openai.get(5)).isEqualTo("10 of 10 (100 %)");
			assertThat(server.chatCalls()).as("one call per article").isEqualTo(5);
		}
	}

	@Test
	void scoresAnEvalSetOfOnesOwn(@TempDir Path folder) throws IOException {
		Files.writeString(folder.resolve("juli.txt"), "Im Juli 2025 beschloss der Stadtrat von Ulm 4,2 Millionen "
				+ "Euro für neue Radwege. Oberbürgermeister Karl Brandt sprach von einem guten Tag für die Stadt.");
		Files.writeString(folder.resolve("set.json"),
				"""
						{"about": "one article", "articles": [{"file": "juli.txt", "expected": ["Karl Brandt", "4,2 Millionen"],
						 "reference": {"people": ["Karl Brandt"], "organisations": [], "places": ["Ulm"], "quotes": [],
						  "briefs": {
						   "en": {"headline": "Ulm spends 4.2 million euros on cycle paths",
						          "summary": "In July 2025 the city council of Ulm approved 4.2 million euros for new cycle paths.",
						          "keyPoints": ["Mayor Karl Brandt spoke of a good day for the city."], "figures": [], "quotes": [], "topics": []},
						   "zh": {"headline": "乌尔姆斥资420万欧元修建自行车道",
						          "summary": "2025年7月，乌尔姆市议会批准420万欧元用于新建自行车道。",
						          "keyPoints": ["市长Karl Brandt称这是城市的好日子。"], "figures": [], "quotes": [], "topics": []}}}}]}
						""");

		CommandLines.Result eval = CommandLines.execute("eval", "--set", folder.toString());

		assertThat(eval.exitCode()).as(eval.text()).isZero();
		assertThat(eval.out()).contains("Eval set: 1 articles");
		List<String> reference = row(eval.out(), "reference (correct briefs)");
		assertThat(reference.get(2)).as("\"July\" and \"7月\" by „Juli“, \"420万\" by „4,2 Millionen“")
			.isEqualTo("0 of 7");
		assertThat(reference.get(8)).as("nothing taken out").isEqualTo("0");
		assertThat(reference.get(4)).isEqualTo("4 of 4 (100 %)");
	}

	private static List<String> row(String table, String backend) {
		return table.lines()
			.filter((line) -> line.startsWith("| " + backend + " |"))
			.findFirst()
			.map(EvalCommandTests::cells)
			.orElseThrow(() -> new AssertionError("no row " + backend + " in " + table));
	}

	private static List<String> cells(String line) {
		return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
	}

}
