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

import de.nachtbrief.batch.ScriptedModel;
import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that names a glossary, run against the loopback server: the glossary is in the
 * static instructions of every call, and each brief says which entries it used.
 */
class GlossaryRunTests {

	@TempDir
	Path workspace;

	@Test
	void theGlossaryGoesIntoEveryCallsInstructionsAndEachBriefReportsItsUse() throws Exception {
		RunFolders folders = new RunFolders(this.workspace);
		Path glossary = Files.writeString(this.workspace.resolve("glossar.csv"),
				"de,en,zh\nStadtrat,city council,市议会\nHaushalt,budget,预算\nStraßenbahn,tram,有轨电车\n");
		folders.input("rathaus.txt", RunFolders.RATHAUS);
		Path input = folders.input("zweiter.txt", RunFolders.RATHAUS.replace("Freiburg", "Ulm"));
		Path job = folders.job("nacht.yaml",
				"input:\n  stable-for: 0s\nlanguages: [en, zh]\nbrief:\n  glossary: " + glossary + "\n");
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);

			CommandLines.Result run = CommandLines.execute("run", job.toString(), "--input", input.toString(),
					"--output", folders.output().toString(), "--backend", "openai", "--base-url",
					server.openAiBaseUrl(), "--model", "m");

			assertThat(run.exitCode()).as(run.text()).isZero();
			List<String> instructions = server.chatRequests()
				.stream()
				.map((request) -> request.messages().get(0).path("content").asText())
				.toList();
			assertThat(instructions).hasSize(2)
				.allSatisfy((system) -> assertThat(system).contains("- Stadtrat: en \"city council\", zh \"市议会\"")
					.isEqualTo(instructions.get(0)));
		}
		JsonNode brief = onlyBrief(folders.output(), "rathaus");
		assertThat(brief.path("schemaVersion").asInt()).isEqualTo(BriefDocument.SCHEMA_VERSION);
		// The scripted model quotes the German, so it uses none of the renderings.
		assertThat(brief.at("/briefs/en/glossary/missed").toString()).contains("Stadtrat → city council")
			.contains("Haushalt → budget")
			.doesNotContain("Straßenbahn");
		assertThat(brief.at("/briefs/zh/glossary/missed").toString()).contains("Stadtrat → 市议会");
		try (Stream<Path> files = Files.walk(folders.output().resolve("briefs"))) {
			Path markdown = files.filter((file) -> file.toString().endsWith(".en.md")).findFirst().orElseThrow();
			assertThat(Files.readString(markdown)).contains("**Glossary:** used –; not used Stadtrat → city council");
		}
	}

	private static JsonNode onlyBrief(Path output, String name) throws IOException {
		try (Stream<Path> files = Files.walk(output.resolve("briefs"))) {
			Path json = files.filter((file) -> file.getFileName().toString().startsWith(name))
				.filter((file) -> file.toString().endsWith(".json"))
				.findFirst()
				.orElseThrow();
			return new ObjectMapper().readTree(json.toFile());
		}
	}

}
