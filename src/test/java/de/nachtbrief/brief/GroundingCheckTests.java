package de.nachtbrief.brief;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroundingCheckTests {

	private static final String SOURCE = "Der Stadtrat hat 4,2 Millionen Euro für 1.000 neue Bäume bewilligt. "
			+ "„Das ist ein guter Tag für Freiburg“, sagte Bürgermeisterin Maria Müller am 1. Januar.";

	private final GroundingCheck check = new GroundingCheck(SOURCE);

	@Test
	void keepsWhatTheSourceSays() {
		Brief brief = brief("Freiburg pflanzt 1.000 Bäume", "Der Rat gab 4,2 Millionen Euro frei.",
				List.of("Es geht um 1.000 Bäume."), List.of(new Brief.Figure("4,2 Millionen Euro", "für Bäume")),
				List.of(new Brief.Quote("Maria Müller", "Das ist ein guter Tag für Freiburg")),
				List.of("Maria Müller"));
		GroundingCheck.Result result = this.check.check(brief, "de", true);
		assertThat(result.removed()).isEmpty();
		assertThat(result.brief()).isEqualTo(brief);
	}

	@Test
	void comparesNumbersByTheirDigitsAcrossLanguages() {
		Brief english = brief("Freiburg plants 1,000 trees", "The council released 4.2 million euros.", List.of(),
				List.of(new Brief.Figure("4.2 million euros", "for trees")), List.of(), List.of());
		assertThat(this.check.check(english, "en", false).removed()).isEmpty();
	}

	@Test
	void removesNumbersNamesAndQuotesTheSourceDoesNotHave() {
		Brief brief = brief("Freiburg pflanzt 2.000 Bäume", "Der Rat gab 4,2 Millionen Euro frei. Es kostet 9 Euro.",
				List.of("Es geht um 1.000 Bäume.", "Es sind 77 Straßen."),
				List.of(new Brief.Figure("5 Millionen", "erfunden"), new Brief.Figure("ohne Zahl", "leer")),
				List.of(new Brief.Quote("Maria Müller", "Wir pflanzen überall"),
						new Brief.Quote("Hans Meier", "Das ist ein guter Tag für Freiburg")),
				List.of("Maria Müller", "Angela Schmidt"));
		GroundingCheck.Result result = this.check.check(brief, "de", true);
		Brief kept = result.brief();
		assertThat(kept.headline()).as("taken out whole, never shown with a bare …").isEmpty();
		assertThat(kept.summary()).isEqualTo("Der Rat gab 4,2 Millionen Euro frei.");
		assertThat(kept.keyPoints()).containsExactly("Es geht um 1.000 Bäume.");
		assertThat(kept.figures()).isEmpty();
		assertThat(kept.quotes()).isEmpty();
		assertThat(kept.people()).containsExactly("Maria Müller");
		assertThat(result.removed()).hasSize(8).anyMatch((item) -> item.contains("Angela Schmidt"));
	}

	@Test
	void removesLinksTheSourceDoesNotContain() {
		GroundingCheck withLink = new GroundingCheck(SOURCE + " Mehr unter https://freiburg.de/baeume.");
		Brief brief = brief("Bäume für Freiburg",
				"Details: https://freiburg.de/baeume. Spenden: https://evil.example/pay.",
				List.of("Anmelden auf www.phish.example", "Infos auf https://freiburg.de/baeume"), List.of(), List.of(),
				List.of());
		GroundingCheck.Result result = withLink.check(brief, "de", true);
		assertThat(result.brief().summary()).isEqualTo("Details: https://freiburg.de/baeume.");
		assertThat(result.brief().keyPoints()).containsExactly("Infos auf https://freiburg.de/baeume");
		assertThat(result.removed()).hasSize(2);
	}

	@Test
	void acceptsTranslatedQuotesWhenNotLiteral() {
		Brief brief = brief("Tree day", "Trees.", List.of(), List.of(),
				List.of(new Brief.Quote("Maria Müller", "This is a good day for Freiburg")), List.of("Maria Müller"));
		assertThat(this.check.check(brief, "en", false).brief().quotes()).hasSize(1);
		assertThat(this.check.check(brief, "de", true).brief().quotes()).isEmpty();
	}

	@Test
	void theChecksSentenceSplitKeepsDrAndOrdinalsTogether() {
		GroundingCheck check = new GroundingCheck(
				"Laut Dr. Anna Weber stieg der Umsatz auf 4,2 Millionen Euro. Am 3. Oktober beginnt der Bau.");
		Brief brief = brief("Umsatz steigt",
				"Laut Dr. Anna Weber stieg der Umsatz auf 987.654 Euro. "
						+ "Am 3. Oktober beginnt der Bau, z. B. an der Brücke.",
				List.of(), List.of(), List.of(), List.of());

		GroundingCheck.Result result = check.check(brief, "de", true);

		// Cut at "Dr.", the check used to publish "Laut Dr." as a sentence of its own.
		assertThat(result.brief().summary()).isEqualTo("Am 3. Oktober beginnt der Bau, z. B. an der Brücke.");
		assertThat(result.removed()).singleElement()
			.asString()
			.contains("Laut Dr. Anna Weber stieg der Umsatz auf 987.654 Euro.");
	}

	@Test
	void chineseSummarySentencesAreCheckedOneByOne() {
		Brief brief = brief("植树日", "弗赖堡种了1200棵树。市长说这是好日子。游客有987654人。", List.of(), List.of(), List.of(), List.of());
		GroundingCheck.Result result = new GroundingCheck("Freiburg pflanzt 1.200 Bäume.").check(brief, "zh", false);

		assertThat(result.brief().summary()).as(result.removed().toString()).isEqualTo("弗赖堡种了1200棵树。市长说这是好日子。");
	}

	@Test
	void anAmountMayBeWrittenInTheBriefsOwnFormWithItsScaleWord() {
		GroundingCheck check = new GroundingCheck(
				"Die Stadt gibt 1,2 Mio. Euro aus, der Bund 3,5 Milliarden. Es kamen 64.000 Fahrgäste.");
		Brief english = brief("1.2 million euros for the city",
				"The federal government adds 3.5 billion. " + "Some 64,000 passengers came. Costs reach 7 million.",
				List.of(), List.of(), List.of(), List.of());
		Brief chinese = brief("城市支出120万欧元", "联邦政府拨款35亿。共有6.4万名乘客。费用达700万。", List.of(), List.of(), List.of(), List.of());

		assertThat(check.check(english, "en", false).brief().summary())
			.isEqualTo("The federal government adds 3.5 billion. Some 64,000 passengers came.");
		assertThat(check.check(english, "en", false).brief().headline()).isEqualTo("1.2 million euros for the city");
		GroundingCheck.Result result = check.check(chinese, "zh", false);
		assertThat(result.brief().headline()).isEqualTo("城市支出120万欧元");
		assertThat(result.brief().summary()).isEqualTo("联邦政府拨款35亿。共有6.4万名乘客。");
		assertThat(result.removed()).singleElement().asString().contains("费用达700万");
	}

	@Test
	void aMonthTheSourceNamesGroundsItsNumber() {
		GroundingCheck check = new GroundingCheck("Im Juli 2025 veröffentlichte China seinen Plan.");
		Brief chinese = brief("中国发布计划", "2025年7月，中国发布了计划。2025年8月又发布了一个。", List.of(), List.of(), List.of(), List.of());

		assertThat(check.check(chinese, "zh", false).brief().summary()).isEqualTo("2025年7月，中国发布了计划。");
	}

	@Test
	void aNameInTheSourcesCaseEndingsIsTheSourcesName() {
		GroundingCheck check = new GroundingCheck("Der Antrag der Freien Wähler scheiterte, Altmans Plan auch.");
		Brief brief = new Brief("Antrag scheitert", "Der Antrag scheiterte.", List.of(), List.of("Altman", "Altmann"),
				List.of("Freie Wähler", "Freie Bürger"), List.of(), List.of(), List.of(), List.of());

		Brief kept = check.check(brief, "de", true).brief();

		assertThat(kept.people()).containsExactly("Altman");
		assertThat(kept.organisations()).containsExactly("Freie Wähler");
	}

	private static Brief brief(String headline, String summary, List<String> keyPoints, List<Brief.Figure> figures,
			List<Brief.Quote> quotes, List<String> people) {
		return new Brief(headline, summary, keyPoints, people, List.of(), List.of(), figures, quotes, List.of());
	}

}
