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
	void everyFigureValueAndContextAppearsLiterallyInTheSource() {
		assertThat(this.brief.figures()).isNotEmpty().hasSizeLessThanOrEqualTo(10).allSatisfy((figure) -> {
			assertThat(ARTICLE).contains(figure.value());
			assertThat(figure.context()).contains(figure.value());
			assertThat(ARTICLE).contains(figure.context().replace("…", ""));
		});
		assertThat(this.brief.figures()).extracting(Figure::value)
			.contains("4,2 Millionen Euro", "40 Prozent", "12 Prozent", "1.250", "1. März 2025", "Ende 2027",
					"Seit 2019", "im Jahr 2026")
			.doesNotContain("14", "31", "45", "9")
			.doesNotHaveDuplicates();
	}

	@Test
	void quotesAndSpeakersAppearLiterallyInTheSource() {
		assertThat(this.brief.quotes()).containsExactly(
				new Quote("Bürgermeisterin Maria Keller", "Wir machen den Radverkehr endlich sicher und bequem"),
				new Quote("Verkehrsplaner Tobias Brandt",
						"Jeder neue Radweg senkt das Risiko für Kinder auf dem Schulweg deutlich."),
				new Quote("der Fraktionschef", "Die Eltern warten seit Jahren auf eine sichere Verbindung zur Schule"),
				new Quote("", "Das ist uns zu langsam und zu teuer für so wenig Wirkung"));
		assertThat(this.brief.quotes()).allSatisfy((quote) -> {
			assertThat(ARTICLE).contains(quote.text());
			assertThat(ARTICLE).contains(quote.speaker());
		});
	}

	@Test
	void topicsAreCapitalisedWordsFromTheSource() {
		assertThat(this.brief.topics()).hasSize(5).contains("Radwege").allSatisfy((topic) -> {
			assertThat(ARTICLE).contains(topic);
			assertThat(Character.isUpperCase(topic.codePointAt(0))).isTrue();
		});
	}

	@Test
	void leavesPeopleOrganisationsAndPlacesEmpty() {
		assertThat(this.brief.people()).isEmpty();
		assertThat(this.brief.organisations()).isEmpty();
		assertThat(this.brief.places()).isEmpty();
	}

	@Test
	void headlineIsTheTitleOrTheShortenedFirstSentence() {
		assertThat(this.brief.headline()).isEqualTo(TITLE);
		String headline = this.summarizer.summarize("  ", ARTICLE).headline();
		assertThat(headline).isEqualTo("Der Stadtrat von Neustadt hat am Dienstag beschlossen, bis Ende 2027 zwölf "
				+ "Kilometer neue Radwege zu bauen.");
		String longFirstSentence = "Der Stadtrat von Neustadt hat am Dienstag nach einer langen und lebhaften Debatte "
				+ "mit großer Mehrheit beschlossen, bis Ende 2027 zwölf Kilometer neue Radwege zu bauen.";
		assertThat(this.summarizer.summarize(null, longFirstSentence).headline()).hasSizeLessThanOrEqualTo(120)
			.endsWith("…")
			.satisfies((shortened) -> assertThat(longFirstSentence).startsWith(shortened.replace("…", "")));
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
		assertThat(single.topics()).containsExactly("Stadtrat", "Dienstag");
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
