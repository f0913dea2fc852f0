package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.local.TinyGguf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command with a GGUF file in the models folder and no key set: the
 * run takes the in-process model by itself and writes English and Chinese briefs from it,
 * with no network. The tiny test model always prefers closing what it opened, so its
 * briefs are as short as the schema allows (one character where text is required); what a
 * real model writes is a matter of the model, not of this path.
 */
class LocalModelRunTests {

	/**
	 * Closing quotes first, then one word, then closing brackets and braces: short valid
	 * JSON whose every text is a word, so the grounding check leaves a headline and a
	 * summary (a headline of "]" is no brief).
	 */
	private static final List<String> ONE_WORD_JSON = List.of("\"", "Euro", "]", "}", "{", "[");

	@TempDir
	Path workspace;

	@Test
	void aModelFileInTheModelsFolderBriefsInEnglishAndChinese() throws IOException {
		RunFolders folders = new RunFolders(this.workspace);
		Path input = folders.input("rathaus.txt", RunFolders.RATHAUS);
		Path job = folders.job("lokal.yaml", "input:\n  stable-for: 0s\nlanguages: [en, zh]\n");
		Path models = this.workspace.resolve("models");
		TinyGguf.preferring(ONE_WORD_JSON).write(models.resolve("mein-modell.gguf"));
		Path output = folders.output();

		CommandLines.Result run = CommandLines.execute("run", job.toString(), "--input", input.toString(), "--output",
				output.toString(), "--models", models.toString());

		assertThat(run.exitCode()).as(run.text()).isZero();
		assertThat(run.out()).contains("summarize with local (mein-modell.gguf)")
			.contains("the model file " + models.resolve("mein-modell.gguf") + " is present");
		JsonNode brief = new ObjectMapper().readTree(onlyBrief(output).toFile());
		assertThat(brief.at("/backends/summarize/backend").asText()).isEqualTo("local");
		assertThat(brief.at("/backends/translate/model").asText()).isEqualTo("mein-modell.gguf");
		assertThat(brief.at("/briefs/en/writtenIn").asText()).isEqualTo("en");
		assertThat(brief.at("/briefs/zh/writtenIn").asText()).isEqualTo("zh");
		// The grammar allows no empty strings, so even this model writes a headline.
		assertThat(brief.at("/briefs/en/brief/headline").asText()).isNotBlank();
		assertThat(brief.at("/briefs/zh/brief/headline").asText()).isNotBlank();
		// One call writes both languages.
		assertThat(brief.at("/usage/modelCalls").asInt()).isEqualTo(1);
		assertThat(brief.at("/usage/inputTokens").asLong()).isGreaterThan(1000);
		assertThat(brief.at("/usage/outputTokens").asLong()).isGreaterThan(100);
		try (Stream<Path> files = Files.walk(output.resolve("briefs"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).anyMatch((name) -> name.endsWith(".en.md"))
				.anyMatch((name) -> name.endsWith(".zh.md"));
		}
	}

	private static Path onlyBrief(Path output) throws IOException {
		try (Stream<Path> files = Files.walk(output.resolve("briefs"))) {
			List<Path> json = files.filter((file) -> file.toString().endsWith(".json")).toList();
			assertThat(json).hasSize(1);
			return json.get(0);
		}
	}

}
