package de.nachtbrief.llm.extractive;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.nachtbrief.brief.Brief.Quote;
import de.nachtbrief.text.SentenceSplitter;

import static org.assertj.core.api.Assertions.assertThat;

class QuoteFinderTests {

	@Test
	void findsSpeakerAfterTheQuote() {
		assertThat(QuoteFinder.find("„Wir bauen die Brücke bis zum Sommer“, sagte Maria Müller am Montag."))
			.containsExactly(new Quote("Maria Müller", "Wir bauen die Brücke bis zum Sommer"));
		assertThat(QuoteFinder.find("„Das Geld ist gut angelegt“, so der Bürgermeister."))
			.containsExactly(new Quote("der Bürgermeister", "Das Geld ist gut angelegt"));
	}

	@Test
	void findsSpeakerBeforeTheQuote() {
		assertThat(QuoteFinder.find("Müller sagte: „Wir bauen die Brücke bis zum Sommer.“"))
			.containsExactly(new Quote("Müller", "Wir bauen die Brücke bis zum Sommer."));
		assertThat(QuoteFinder.find("Am Montag erklärte Ministerin Anna Weber: »Die Mittel reichen nicht aus.«"))
			.containsExactly(new Quote("Ministerin Anna Weber", "Die Mittel reichen nicht aus."));
		assertThat(QuoteFinder.find("Auch Müller sagte am Abend: „Das war eine gute Entscheidung.“"))
			.containsExactly(new Quote("Müller", "Das war eine gute Entscheidung."));
		assertThat(QuoteFinder.find("Ihr Fraktionsvorsitzender Klaus Oberdorfer sagte: „Wir beschließen heute eine "
				+ "Strecke, deren Kosten niemand seriös beziffern kann.“"))
			.containsExactly(new Quote("Fraktionsvorsitzender Klaus Oberdorfer",
					"Wir beschließen heute eine Strecke, deren Kosten niemand seriös beziffern kann."));
	}

	@Test
	void leavesSpeakerEmptyForPronounsAndMissingAttribution() {
		assertThat(QuoteFinder.find("„Mein Eindruck ist, dass das nicht funktioniert“, erklärte er."))
			.containsExactly(new Quote("", "Mein Eindruck ist, dass das nicht funktioniert"));
	}

	@Test
	void skipsScareQuotesAndNames() {
		assertThat(QuoteFinder.find("Das Modell hat „offene Gewichte“ und lief beim \"AI for Good Global Summit\"."))
			.isEmpty();
	}

	@Test
	void readsEnglishAndStraightQuotes() {
		assertThat(QuoteFinder.find("“Wir sind sehr zufrieden mit dem Ergebnis”, sagte Jana Berg. "
				+ "\"Das Team hat hart gearbeitet\", sagte Berg."))
			.containsExactly(new Quote("Jana Berg", "Wir sind sehr zufrieden mit dem Ergebnis"),
					new Quote("Berg", "Das Team hat hart gearbeitet"));
	}

	@Test
	void keepsAtMostFiveQuotesPreferringKnownSpeakers() {
		StringBuilder text = new StringBuilder();
		for (int i = 1; i <= 4; i++) {
			text.append("„Das ist die anonyme Aussage Nummer ").append(i).append(" im Text.“ ");
		}
		for (int i = 1; i <= 3; i++) {
			text.append("„Das ist die Aussage Nummer ").append(i).append("“, sagte Müller. ");
		}

		List<Quote> quotes = QuoteFinder.find(text.toString());

		assertThat(quotes).hasSize(5);
		assertThat(quotes).filteredOn((quote) -> quote.speaker().equals("Müller")).hasSize(3);
		assertThat(quotes.get(0).text()).isEqualTo("Das ist die anonyme Aussage Nummer 1 im Text.");
	}

	@Test
	void findsDirectSpeechWithoutQuotationMarksWhenItsSpeakerIsNamed() {
		// 10kGNAD's articles lost their quotation marks.
		String text = "Mexiko schied aus. Ich übernehme die Verantwortung für dieses Ergebnis, sagte Mexikos Trainer "
				+ "Miguel Herrera. Es ist eine große Erleichterung für das ganze Team, so Herrera. "
				+ "Trotzdem sagte Simon Wiesenthal einmal: Die Vorgänge in diesem Land sind nicht vergessen.";
		List<String> people = List.of("Miguel Herrera", "Simon Wiesenthal");

		assertThat(QuoteFinder.find(text, SentenceSplitter.split(text), people)).containsExactly(
				new Quote("Miguel Herrera", "Ich übernehme die Verantwortung für dieses Ergebnis"),
				new Quote("Miguel Herrera", "Es ist eine große Erleichterung für das ganze Team"),
				new Quote("Simon Wiesenthal", "Die Vorgänge in diesem Land sind nicht vergessen"));
	}

	@Test
	void reportedSpeechAndUnnamedSpeakersAreNoQuotes() {
		String text = "Russland sei prinzipiell auch zu Gesprächen bereit, sagte Außenminister Sergej Lawrow. "
				+ "Er rechne aber damit, in einem Jahr als Anbieter akkreditiert zu sein, sagte Alfred Pritz. "
				+ "Zu Inhalten gebe es noch nichts mitzuteilen, sagte eine Sprecherin. "
				+ "Das ist ein ganz simpler Zugang zu diesem Problem, sagte die Sprecherin.";
		List<String> people = List.of("Sergej Lawrow", "Alfred Pritz");

		assertThat(QuoteFinder.find(text, SentenceSplitter.split(text), people)).isEmpty();
	}

	@Test
	void aSurnameAloneBecomesTheFullNameTheTextGives() {
		String text = "„Wir bleiben bei unserem Plan für das Jahr“, sagte Weber.";

		assertThat(QuoteFinder.find(text, List.of(), List.of("Anna Weber")))
			.containsExactly(new Quote("Anna Weber", "Wir bleiben bei unserem Plan für das Jahr"));
	}

}
