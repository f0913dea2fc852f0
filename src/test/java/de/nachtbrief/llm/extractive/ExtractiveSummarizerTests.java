package de.nachtbrief.llm.extractive;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.Brief.Figure;
import de.nachtbrief.brief.Brief.Quote;
import de.nachtbrief.text.SentenceSplitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class ExtractiveSummarizerTests {

	private static final String TITLE = "Neustadt baut zwölf Kilometer neue Radwege";

	private static final String ARTICLE = """
			Der Stadtrat von Neustadt hat am Dienstag beschlossen, bis Ende 2027 zwölf Kilometer neue Radwege zu bauen. \
			Das Projekt kostet nach Angaben der Verwaltung 4,2 Millionen Euro, davon trägt das Land rund 40 Prozent.

			„Wir machen den Radverkehr endlich sicher und bequem“, sagte Bürgermeisterin Maria Keller nach der \
			Abstimmung. Für den Beschluss stimmten 31 der 45 Ratsmitglieder. Die Radwege sollen vor allem die Schulen, \
			den Bahnhof und das Gewerbegebiet Nord verbinden.

			Seit 2019 ist der Anteil des Radverkehrs in Neustadt von 9 auf 12 Prozent gestiegen. Gleichzeitig zählte die \
			Polizei im vergangenen Jahr 1.250 Unfälle, an denen Radfahrer beteiligt waren. Verkehrsplaner Tobias Brandt \
			sagte: „Jeder neue Radweg senkt das Risiko für Kinder auf dem Schulweg deutlich.“

			Die Opposition kritisierte die Reihenfolge der Bauabschnitte. Die gefährliche Kreuzung am Bahnhof werde erst \
			im letzten Abschnitt umgebaut, d. h. frühestens im Jahr 2026. »Die Eltern warten seit Jahren auf eine sichere \
			Verbindung zur Schule«, erklärte der Fraktionschef der Grünen. „Das ist uns zu langsam und zu teuer für so \
			wenig Wirkung“, sagte er.

			Der erste Bauabschnitt beginnt am 1. März 2025 an der Buslinie 14. Die Verwaltung rechnet mit \
			Einschränkungen für Autofahrer von ca. drei Monaten. Die Stadt will die Bürger auf einer Versammlung im \
			Rathaus über die Radwege und die Umleitungen informieren.
			""";

	private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

	private final Brief brief = this.summarizer.summarize(TITLE, ARTICLE, 5, 3);

	@Test
	void summarySentencesAppearVerbatimInTheSource() {
		List<String> summary = SentenceSplitter.split(this.brief.summary());

		assertThat(summary).hasSize(3).allSatisfy((sentence) -> assertThat(ARTICLE).contains(sentence));
	}

	@Test
	void summaryKeepsSourceOrder() {
		List<Integer> positions = SentenceSplitter.split(this.brief.summary()).stream().map(ARTICLE::indexOf).toList();

		assertThat(positions).isSorted().doesNotHaveDuplicates();
	}

	@Test
	void keyPointsAreOtherSourceSentencesInSourceOrder() {
		List<String> summary = SentenceSplitter.split(this.brief.summary());

		assertThat(this.brief.keyPoints()).hasSize(5).doesNotContainAnyElementsOf(summary).doesNotHaveDuplicates();
		assertThat(this.brief.keyPoints()).allSatisfy((point) -> assertThat(ARTICLE).contains(point));
		assertThat(this.brief.keyPoints().stream().map(ARTICLE::indexOf).toList()).isSorted();
	}

	@Test
	void theLeadOpensTheSummary() {
		assertThat(this.brief.summary()).startsWith("Der Stadtrat von Neustadt hat am Dienstag beschlossen, bis Ende "
				+ "2027 zwölf Kilometer neue Radwege zu bauen.");
	}

	@Test
	void aCorpusArticlesTeaserIsItsHeadlineAndItsLeadOpensTheSummary() {
		// Article 289 of the 10kGNAD test split, as the corpus has it: teaser first.
		String article = """
				Militärkapelle hat Probleme mit der "Marseillaise". Kairo – Frankreichs Präsident François Hollande bringt von seinem Besuch in Ägyptens Hauptstadt Kairo Geschäftsabschlüsse in Höhe von zwei Milliarden Euro heim. Airbus Space Systems wird Ägypten einen hochmodernen Kommunikationsatelliten verkaufen, der Energiekonzern Engie erhält einen Großauftrag für eine Flüssiggasanlage und den Ausbau erneuerbarer Energien. Beim feierlichen Empfang durch Präsident Abdel Fattah al-Sisi sorgte die Militärkapelle für Aufsehen: Die Musiker haben offenbar die französische Hymne noch nicht besonders oft gespielt und hatten Probleme, den richtigen Ton zu treffen.""";

		Brief brief = this.summarizer.summarize(null, article);

		assertThat(brief.headline()).isEqualTo("Militärkapelle hat Probleme mit der \"Marseillaise\".");
		assertThat(brief.summary()).startsWith("Kairo – Frankreichs Präsident François Hollande bringt von seinem "
				+ "Besuch in Ägyptens Hauptstadt Kairo Geschäftsabschlüsse in Höhe von zwei Milliarden Euro heim.");
		assertThat(brief.people()).contains("François Hollande");
		assertThat(brief.organisations()).contains("Airbus Space Systems", "Engie");
		assertThat(brief.places()).contains("Kairo", "Ägypten");
	}

	@Test
	void aHeadlineTakenFromTheTextIsNotRepeatedInTheSummary() {
		Brief untitled = this.summarizer.summarize(null, ARTICLE, 5, 3);

		assertThat(untitled.headline()).startsWith("Der Stadtrat von Neustadt");
		assertThat(untitled.summary()).doesNotContain(untitled.headline())
			.startsWith("Das Projekt kostet nach Angaben der Verwaltung 4,2 Millionen Euro");
	}

	@Test
	void keyPointsThatStandAloneComeFirst() {
		assertThat(Selection.standsAlone("Dort habe sie erfahren, dass der Vertrag nicht verlängert wird.")).isFalse();
		assertThat(Selection.standsAlone("Er kündigte an, im Herbst zurückzutreten.")).isFalse();
		assertThat(Selection.standsAlone("Die Verwaltung rechnet mit drei Monaten Bauzeit.")).isTrue();
		String text = """
				Die Stadt Lindau hat ein neues Hallenbad mit acht Bahnen eröffnet. Dort können ab Montag auch \
				Schulklassen aus dem ganzen Landkreis im neuen Hallenbad schwimmen lernen. Das Hallenbad hat nach \
				Angaben der Stadt mehr gekostet als geplant und ersetzt das alte Bad am See, das seit Jahren \
				geschlossen war. Die Stadtwerke betreiben das neue Hallenbad künftig auch an Wochenenden und an \
				Feiertagen, wenn das Wetter für den See zu kalt ist.""";

		Brief brief = this.summarizer.summarize("Lindau eröffnet Hallenbad", text, 1, 2);

		assertThat(brief.keyPoints()).singleElement().asString().doesNotStartWith("Dort");
	}

	@Test
	void theSummaryCoversTheStoryInsteadOfRepeatingItsCentre() {
		String repeated = "Die Gemeinde Felden baut die neue Brücke über den Fluss Ach, teilte der Bürgermeister mit.";
		String text = "Die Gemeinde Felden baut eine neue Brücke über den Fluss Ach. Die neue Brücke soll im Herbst "
				+ "fertig sein. " + repeated + " Der Bürgermeister rechnet mit Kosten von 3,1 Millionen Euro für die "
				+ "neue Brücke. Gegner fürchten mehr Verkehr im Ortskern von Felden.";

		Brief brief = this.summarizer.summarize("Felden baut Brücke", text, 0, 3);

		assertThat(SentenceSplitter.split(brief.summary())).hasSize(3).doesNotContain(repeated);
	}

	@Test
	void aBriefIsNeverLongerThanItsSource() {
		String shortText = """
				Der Landtag hat das neue Schulgesetz mit 52 Stimmen beschlossen. „Das Gesetz gibt den Schulen mehr \
				Freiheit bei der Wahl der Lehrpläne“, sagte Ministerin Eva Roth am Abend. Die Opposition stimmte \
				geschlossen gegen das Gesetz.""";

		Brief brief = this.summarizer.summarize("Schulgesetz beschlossen", shortText, 5, 2);

		assertThat(ExtractiveSummarizer.length(brief)).isLessThanOrEqualTo(shortText.length());
		assertThat(ExtractiveSummarizer.length(this.brief)).isLessThanOrEqualTo(ARTICLE.length());
	}

	@Test
	void everyFigureValueAndContextAppearsLiterallyInTheSource() {
		assertThat(this.brief.figures()).isNotEmpty().hasSizeLessThanOrEqualTo(10).allSatisfy((figure) -> {
			assertThat(ARTICLE).contains(figure.value());
			assertThat(figure.context()).contains(figure.value()).doesNotContain("…");
			assertThat(ARTICLE).contains(figure.context());
		});
		assertThat(this.brief.figures()).extracting(Figure::value)
			.contains("4,2 Millionen Euro", "40 Prozent", "12 Prozent", "1.250")
			.doesNotContain("14", "31", "45", "9", "1. März 2025", "Ende 2027", "Seit 2019", "im Jahr 2026")
			.doesNotHaveDuplicates();
	}

	@Test
	void quotesAndSpeakersAppearLiterallyInTheSource() {
		List<Quote> quotes = QuoteFinder.find(ARTICLE, SentenceSplitter.split(ARTICLE), this.brief.people());

		assertThat(quotes).containsExactly(
				new Quote("Bürgermeisterin Maria Keller", "Wir machen den Radverkehr endlich sicher und bequem"),
				new Quote("Verkehrsplaner Tobias Brandt",
						"Jeder neue Radweg senkt das Risiko für Kinder auf dem Schulweg deutlich."),
				new Quote("der Fraktionschef", "Die Eltern warten seit Jahren auf eine sichere Verbindung zur Schule"),
				new Quote("", "Das ist uns zu langsam und zu teuer für so wenig Wirkung"));
		assertThat(this.brief.quotes()).isNotEmpty().isSubsetOf(quotes).allSatisfy((quote) -> {
			assertThat(ARTICLE).contains(quote.text());
			assertThat(ARTICLE).contains(quote.speaker());
		});
	}

	@Test
	void topicsAreNounsInTheirBaseFormWithoutUnitsOrFirstNames() {
		assertThat(this.brief.topics()).hasSize(5)
			.contains("Radweg", "Neustadt")
			.doesNotContain("Radwege", "Prozent", "Euro", "Dienstag", "März", "Tobias", "Maria")
			.allSatisfy((topic) -> {
				assertThat(ARTICLE).contains(topic);
				assertThat(Character.isUpperCase(topic.codePointAt(0))).isTrue();
			});
	}

	@Test
	void topicsLeaveOutPartsOfHyphenatedWords() {
		Brief brief = this.summarizer.summarize("Wechsel",
				"Der 22-Jährige wechselt in den ÖFB-Teamspieler-Kader. Der Trainer lobt den Wechsel des Stürmers.");

		assertThat(brief.topics()).doesNotContain("Jährige", "Teamspieler", "Kader");
	}

	@Test
	void namesPeopleOrganisationsAndPlaces() {
		assertThat(this.brief.people()).containsExactly("Maria Keller", "Tobias Brandt");
		assertThat(this.brief.organisations()).contains("Grünen");
		assertThat(this.brief.places()).contains("Neustadt");
	}

	@Test
	void headlineIsTheTitleOrTheShortenedFirstSentence() {
		assertThat(this.brief.headline()).isEqualTo(TITLE);
		String headline = this.summarizer.summarize("  ", ARTICLE).headline();
		assertThat(headline).isEqualTo("Der Stadtrat von Neustadt hat am Dienstag beschlossen, bis Ende 2027 zwölf "
				+ "Kilometer neue Radwege zu bauen.");
		String longFirstSentence = "Der Stadtrat von Neustadt hat am Dienstag nach einer langen und lebhaften Debatte "
				+ "mit großer Mehrheit beschlossen, bis Ende 2027 zwölf Kilometer neue Radwege zu bauen.";
		assertThat(this.summarizer.summarize(null, longFirstSentence).headline())
			.isEqualTo("Der Stadtrat von Neustadt hat am Dienstag nach einer langen und lebhaften Debatte mit großer "
					+ "Mehrheit beschlossen");
		assertThat(this.summarizer.summarize(null, "# Kesselbrunn dreht das Spiel\n\nDer SV gewann am Samstag mit 3:1.")
			.headline()).isEqualTo("Kesselbrunn dreht das Spiel");
		String teaser = "Museums-Experten rechnen mit 25 bis 60 Millionen Euro ohne Tiefspeicher - KHM wittert Chance "
				+ "für Realisierung großer Lösungen - Zweifel am Zeitplan der Regierung bleiben bestehen.";
		assertThat(this.summarizer.summarize(null, teaser).headline())
			.isEqualTo("Museums-Experten rechnen mit 25 bis 60 Millionen Euro ohne Tiefspeicher");
		String runOn = "Der Stadtrat von Neustadt hat am Dienstag nach einer langen und lebhaften Debatte mit großer "
				+ "Mehrheit und gegen die Stimmen der Opposition den Bau von zwölf Kilometern neuer Radwege bis Ende "
				+ "2027 beschlossen.";
		assertThat(this.summarizer.summarize(null, runOn).headline()).hasSizeLessThanOrEqualTo(141)
			.endsWith("…")
			.satisfies((shortened) -> assertThat(runOn).startsWith(shortened.replace("…", "")));
	}

	@Test
	void outputIsDeterministic() {
		assertThat(new ExtractiveSummarizer().summarize(TITLE, ARTICLE, 5, 3)).isEqualTo(this.brief);
		assertThat(this.summarizer.summarize(TITLE, ARTICLE)).isEqualTo(this.summarizer.summarize(TITLE, ARTICLE));
	}

	@Test
	void oneSentenceTextWorks() {
		Brief single = this.summarizer.summarize("", "Der Stadtrat tagt am Dienstag.");

		assertThat(single.headline()).isEqualTo("Der Stadtrat tagt am Dienstag.");
		assertThat(single.summary()).isEqualTo("Der Stadtrat tagt am Dienstag.");
		assertThat(single.keyPoints()).isEmpty();
		assertThat(single.topics()).containsExactly("Stadtrat");
	}

	@Test
	void rejectsBlankTextAndNonsenseCounts() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.summarizer.summarize(TITLE, " \n\t "))
			.withMessage("text must not be blank");
		assertThatNullPointerException().isThrownBy(() -> this.summarizer.summarize(TITLE, null)).withMessage("text");
		assertThatIllegalArgumentException().isThrownBy(() -> this.summarizer.summarize(TITLE, ARTICLE, -1, 3))
			.withMessage("keyPointCount must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.summarizer.summarize(TITLE, ARTICLE, 5, 0))
			.withMessage("summarySentenceCount must be at least 1, was 0");
	}

}
