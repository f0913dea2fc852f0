package de.nachtbrief.brief;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.llm.Prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlossaryTests {

	private static final String SOURCE = "OpenAI-Chef Sam Altman sprach über Exportkontrollen für Chips.";

	@TempDir
	Path folder;

	@Test
	void readsRenderingsAndTermsKeptAsWritten() throws IOException {
		Glossary glossary = glossary("""
				# comment
				de,en,zh
				Exportkontrollen,export controls,出口管制
				OpenAI,=,
				Sam Altman,=,萨姆·奥尔特曼
				""");

		assertThat(glossary.entries()).containsExactly(
				new Glossary.Entry("Exportkontrollen", "export controls", "出口管制"),
				new Glossary.Entry("OpenAI", null, null), new Glossary.Entry("Sam Altman", null, "萨姆·奥尔特曼"));
		Prompt prompt = glossary.appliedTo(new Prompt("Instructions.", "Source", "B"));
		assertThat(prompt.system()).startsWith("Instructions.\nGlossary:")
			.contains("- Exportkontrollen: en \"export controls\", zh \"出口管制\"")
			.contains("- OpenAI: as written");
		assertThat(prompt.user()).isEqualTo("Source");
		assertThat(glossary.appliedTo(new Prompt("Instructions.", "Other source", "C")).system())
			.as("the same static part for every source")
			.isEqualTo(prompt.system());
	}

	@Test
	void reportsWhichEntriesForTheSourcesTermsABriefUsed() throws IOException {
		Glossary glossary = glossary("de,en,zh\nExportkontrollen,export controls,出口管制\nChips,chips,芯片\nHuawei,=,华为\n");
		Brief english = brief("OpenAI's Sam Altman talks about export controls", "He spoke about semiconductors.");
		Brief chinese = brief("OpenAI首席执行官谈出口管制", "他谈到了芯片。");

		assertThat(glossary.use(SOURCE, english, "en"))
			.isEqualTo(new Glossary.Use(List.of("Exportkontrollen → export controls"), List.of("Chips → chips")));
		assertThat(glossary.use(SOURCE, chinese, "zh").used()).containsExactly("Exportkontrollen → 出口管制", "Chips → 芯片");
		assertThat(glossary.use(SOURCE, LanguageCheck.toTraditional(chinese), "zh-Hant").used()).hasSize(2);
	}

	@Test
	void aChineseNameFromTheGlossaryNeedsNoOriginalBesideIt() throws IOException {
		Glossary glossary = glossary("de,en,zh\nSam Altman,=,萨姆·奥尔特曼\n");
		GroundingCheck check = new GroundingCheck(SOURCE, glossary.renderings());
		Brief chinese = brief("萨姆·奥尔特曼谈出口管制", "萨姆·奥尔特曼谈到了芯片。埃德温·夸恩霍尔特表示反对。");

		GroundingCheck.Result result = check.check(chinese, "zh", false);

		assertThat(result.brief().headline()).isEqualTo("萨姆·奥尔特曼谈出口管制");
		assertThat(result.brief().summary()).isEqualTo("萨姆·奥尔特曼谈到了芯片。");
	}

	@Test
	void aJobNamesItsGlossaryAndAFileThatIsNoneIsRefusedClearly() throws IOException {
		Path file = Files.writeString(this.folder.resolve("glossar.csv"), "de,en,zh\nKI,AI,人工智能\n");
		assertThat(Glossary.of(new JobDefinition.Shape(5, 4, file.toString())).entries()).hasSize(1);
		Files.writeString(file, "de,en,zh\nKI,AI,人工智能\nChips,chips,芯片\n");
		assertThat(Glossary.of(new JobDefinition.Shape(5, 4, file.toString())).entries()).as("as last read").hasSize(1);
		assertThat(Glossary.refreshed(new JobDefinition.Shape(5, 4, file.toString())).entries())
			.as("read again when a run is planned after a change")
			.hasSize(2);
		assertThat(Glossary.of(new JobDefinition.Shape(5, 4, file.toString())).entries()).hasSize(2);
		assertThat(Glossary.of(new JobDefinition.Shape(5, 4, null))).isEqualTo(Glossary.NONE);

		Path broken = Files.writeString(this.folder.resolve("kaputt.csv"), "en,zh\nAI,人工智能\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Glossary.read(broken))
			.withMessageContaining("has no German term; the header is de,en,zh");
		assertThatIllegalArgumentException().isThrownBy(() -> Glossary.read(this.folder.resolve("fehlt.csv")))
			.withMessageContaining("cannot be read");
	}

	private Glossary glossary(String csv) throws IOException {
		return Glossary.read(Files.writeString(this.folder.resolve("glossary.csv"), csv));
	}

	private static Brief brief(String headline, String summary) {
		return new Brief(headline, summary, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
				List.of());
	}

}
