package de.nachtbrief.llm.extractive;

import java.util.List;

import org.junit.jupiter.api.Test;

import de.nachtbrief.brief.Brief.Quote;

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

}
