package de.nachtbrief.brief;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.nachtbrief.definition.Language;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageCheckTests {

	private static final String ENGLISH = "The city council of Kesselbrunn approved the budget for 2025 with 38 votes "
			+ "to 21. Spending rises to 612.4 million euros, led by school renovation.";

	private static final String GERMAN = "Der Stadtrat von Kesselbrunn hat den Haushalt für 2025 mit 38 zu 21 Stimmen "
			+ "beschlossen. Die Ausgaben steigen auf 612,4 Millionen Euro, vor allem für die Schulen.";

	private static final String SIMPLIFIED = "凯瑟尔布伦市议会通过了2025年预算。预算总额达到612.4百万欧元，重点是学校翻修。";

	@Test
	void tellsEnglishFromGerman() {
		assertThat(LanguageCheck.problem(ENGLISH, "en")).isNull();
		assertThat(LanguageCheck.problem(GERMAN, "en")).isEqualTo("written in German, not English");
		assertThat(LanguageCheck.problem(GERMAN, "de")).isNull();
		assertThat(LanguageCheck.problem("Euro Euro Euro", "en")).as("too short to tell").isNull();
		assertThat(LanguageCheck.problem("The article opens with the words „Die Verkehrsgewerkschaft Schiene ruft "
				+ "zum ganztägigen Warnstreik bei der Bahn auf“. The Nordtal-Bahn GmbH and the Zweckverband Nahverkehr "
				+ "Nordtal expect disruption on all eleven lines.", "en"))
			.as("German quotes and names in English prose")
			.isNull();
	}

	@Test
	void tellsSimplifiedFromTraditionalChinese() {
		String traditional = LanguageCheck.toTraditional(SIMPLIFIED);

		assertThat(traditional).contains("議會").contains("預算").contains("612.4");
		assertThat(LanguageCheck.problem(SIMPLIFIED, "zh")).isNull();
		assertThat(LanguageCheck.problem(traditional, "zh-Hant")).isNull();
		assertThat(LanguageCheck.problem(traditional, "zh"))
			.isEqualTo("written in Traditional characters, not Simplified");
		assertThat(LanguageCheck.problem(SIMPLIFIED, "zh-Hant"))
			.isEqualTo("written in Simplified characters, not Traditional");
		assertThat(LanguageCheck.problem(ENGLISH, "zh")).isEqualTo("written without Chinese characters");
	}

	@Test
	void convertsChineseInTheWrongScriptInsteadOfAskingAgain() {
		Brief traditional = brief(LanguageCheck.toTraditional(SIMPLIFIED));

		LanguageCheck.Verdict converted = LanguageCheck.check(traditional, "zh");

		assertThat(converted.problem()).isNull();
		assertThat(LanguageCheck.problem(converted.brief(), "zh")).isNull();
		assertThat(converted.brief().summary()).contains("议会");
		assertThat(LanguageCheck.check(brief(SIMPLIFIED), "zh"))
			.isEqualTo(new LanguageCheck.Verdict(brief(SIMPLIFIED), null));
		assertThat(LanguageCheck.check(brief(ENGLISH), "zh").problem()).isEqualTo("written without Chinese characters");
	}

	@Test
	void asksForTraditionalChineseOnlyWhenSimplifiedIsNotWantedToo() {
		assertThat(LanguageCheck.askedFor(List.of(Language.EN, Language.ZH, Language.ZH_HANT)))
			.containsExactly(Language.EN, Language.ZH);
		assertThat(LanguageCheck.askedFor(List.of(Language.ZH_HANT))).containsExactly(Language.ZH_HANT);
	}

	private static Brief brief(String text) {
		return new Brief(text.substring(0, 9), text, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
				List.of());
	}

}
