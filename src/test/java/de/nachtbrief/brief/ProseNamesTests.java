package de.nachtbrief.brief;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProseNamesTests {

	private static final String SOURCE = """
			OpenAI-Chef Sam Altman hat in Wien mit der Bundesregierung über Exportkontrollen gesprochen.
			Die Pläne Altmans stoßen beim Verband der Chipindustrie auf Kritik, sagte dessen Sprecherin
			Dr. Ingrid Vogt am Montag. Die Europäische Kommission prüft den Fall.
			""";

	private final ProseNames names = new ProseNames(SOURCE);

	@Test
	void findsAnInventedPersonInEnglishProse() {
		assertThat(this.names.ungrounded("According to Dr. Edwin Quarnholt, the plan will fail.", "en"))
			.containsExactly("Dr. Edwin Quarnholt".replace(".", ""));
		assertThat(this.names.ungrounded("Quarnholt said so.", "en")).containsExactly("Quarnholt");
	}

	@Test
	void acceptsNamesTheSourceHoldsInflectedOrTranslated() {
		assertThat(this.names.ungrounded("Altman's plans met criticism in Vienna from Ingrid Vogt on Monday.", "en"))
			.isEmpty();
		assertThat(
				this.names.ungrounded("OpenAI CEO Sam Altman Talks Export Controls With the German Government", "en"))
			.as("a title-case headline of ordinary words and grounded names")
			.isEmpty();
		assertThat(this.names.ungrounded("The European Commission is examining the case.", "en")).isEmpty();
	}

	@Test
	void checksLatinNamesAndDottedChineseNamesInChinese() {
		assertThat(this.names.ungrounded("OpenAI首席执行官Sam Altman在维也纳与政府会谈。", "zh")).isEmpty();
		assertThat(this.names.ungrounded("萨姆·奥特曼（Sam Altman）在维也纳会谈。", "zh")).isEmpty();
		assertThat(this.names.ungrounded("Edwin Quarnholt博士表示计划将失败。", "zh")).containsExactly("Edwin Quarnholt");
		assertThat(this.names.ungrounded("埃德温·夸恩霍尔特博士表示计划将失败。", "zh")).singleElement()
			.asString()
			.startsWith("埃德温·夸恩霍尔特");
	}

	@Test
	void inGermanOnlyARunOfUnknownCapitalisedWordsCountsAsAName() {
		assertThat(this.names.ungrounded("Neue Regeln für Chips: Altman trifft die Regierung.", "de")).isEmpty();
		assertThat(this.names.ungrounded("Laut Edwin Quarnholt scheitert der Plan.", "de"))
			.containsExactly("Edwin Quarnholt");
	}

	@Test
	void ordinaryEnglishAndCalendarWordsAreNoNames() {
		assertThat(this.names.ungrounded("On Tuesday, Unions Called a Strike in January.", "en")).isEmpty();
		assertThat(List.of("Mr", "AI", "CEO"))
			.allSatisfy((word) -> assertThat(this.names.ungrounded(word, "en")).isEmpty());
	}

}
