package de.nachtbrief.text;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class SentenceSplitterTests {

	@ParameterizedTest
	@ValueSource(strings = { "Viele Städte, z. B. Köln und Bonn, bauen neue Radwege.",
			"Der Plan gilt ab sofort, d. h. schon für den nächsten Haushalt.",
			"Es sprachen u. a. Dr. Anna Weber und Prof. Karl Brandt.",
			"Die Ausgaben steigen bzw. bleiben auf hohem Niveau.", "Es kamen ca. 300 Menschen auf den Platz.",
			"Das Büro liegt in der Hauptstr. 5 neben Haus Nr. 12.", "Das regelt § 3 Abs. 2 der Satzung.",
			"Das steht in Art. 5 Abs. 3 GG.", "Der Brief ist vom 3. Okt. 2023 und liegt vor.",
			"Das Zitat steht auf S. 12 des Berichts.", "Der Bau kostet 3,5 Mrd. Euro und dauert vier Jahre.",
			"Es geht um 2 Mio. Fahrgäste pro Jahr.", "Die Kirche stammt aus dem 12. Jh. und wird renoviert.",
			"Details stehen im Anhang, vgl. Tabelle 4.", "Das Spiel findet im Stadion am St. Pauli statt.",
			"Hr. Keller und Fr. Yilmaz leiten das Projekt.", "Die Frist endet am 3. Jan. 2026 um Mitternacht.",
			"Die Sitzung beginnt am 14. Okt. im Rathaus.", "Wir kaufen Äpfel, Birnen usw. für das Fest ein.",
			"Sie bringen Stühle, Tische etc. mit." })
	void keepsAbbreviationsInsideSentences(String sentence) {
		assertThat(SentenceSplitter.split(sentence)).containsExactly(sentence);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Am 1. Januar 2025 trat das Gesetz in Kraft.", "Der 3. Platz ging an Freiburg.",
			"Im 19. Jahrhundert wuchs die Stadt rasant.", "Der Verein spielt in der 2. Bundesliga.",
			"Der Markt findet vom 1. bis 3. Mai statt.", "Sie landete auf dem 12. Rang.",
			"Zum 2. Mal in Folge gewann sie das Rennen.", "Seit dem 15. März gilt die neue Regel.",
			"Die Stadt wurde 753 v. Chr. gegründet.", "Papst Benedikt XVI. besuchte Berlin." })
	void keepsOrdinalNumbersAndDatesInsideSentences(String sentence) {
		assertThat(SentenceSplitter.split(sentence)).containsExactly(sentence);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Donald J. Trump sprach in Washington.", "J. R. R. Tolkien schrieb den Roman in Oxford.",
			"Die Inflation lag bei 4,2 Prozent.", "Version 3.5 behebt den Fehler.",
			"Mehr steht unter www.beispiel.de/radwege.html im Netz.", "Der Index stieg um 1.250 Punkte.",
			"Das Start-up 01.AI senkt die Preise." })
	void keepsInitialsDecimalsAndUrlsInsideSentences(String sentence) {
		assertThat(SentenceSplitter.split(sentence)).containsExactly(sentence);
	}

	@Test
	void splitsAfterNumberThatEndsASentence() {
		// Ambiguous by design: a number, a full stop and a capitalised word that is
		// neither a month nor an ordinal
		// noun, without an article before the number, counts as a sentence end.
		assertThat(SentenceSplitter.split("Der Kurs stieg um 12. Danach fiel er wieder."))
			.containsExactly("Der Kurs stieg um 12.", "Danach fiel er wieder.");
		assertThat(SentenceSplitter.split("Das Werk öffnete 2019. Seitdem wächst es."))
			.containsExactly("Das Werk öffnete 2019.", "Seitdem wächst es.");
	}

	@Test
	void splitsAfterWordsThatOnlyEndLikeAbbreviations() {
		assertThat(SentenceSplitter.split("Das sagte Müller. Wir treffen uns um 10 Uhr. Es war ein heißer Sommer. "
				+ "Der Bau dauerte ein Jahr. Das steht im Text."))
			.containsExactly("Das sagte Müller.", "Wir treffen uns um 10 Uhr.", "Es war ein heißer Sommer.",
					"Der Bau dauerte ein Jahr.", "Das steht im Text.");
	}

	@Test
	void splitsAfterEtceteraBeforeACapitalisedSentence() {
		assertThat(SentenceSplitter.split("Wir kaufen Äpfel, Birnen usw. Danach gehen wir heim."))
			.containsExactly("Wir kaufen Äpfel, Birnen usw.", "Danach gehen wir heim.");
	}

	@Test
	void splitsOrdinarySentences() {
		assertThat(SentenceSplitter.split("Der Rat tagte lange. Kommt der Radweg? Ja! Die Mehrheit war klar."))
			.containsExactly("Der Rat tagte lange.", "Kommt der Radweg?", "Ja!", "Die Mehrheit war klar.");
	}

	@Test
	void keepsQuoteAttributionWithTheQuote() {
		assertThat(SentenceSplitter.split("„Wir sind bereit.“, sagte Müller. Dann ging sie."))
			.containsExactly("„Wir sind bereit.“, sagte Müller.", "Dann ging sie.");
	}

	@Test
	void paragraphBreaksAlwaysEndASentence() {
		assertThat(SentenceSplitter.split("Ein Absatz ohne Punkt\n\nund einer, der klein beginnt."))
			.containsExactly("Ein Absatz ohne Punkt", "und einer, der klein beginnt.");
	}

	@Test
	void headingLineEndsASentenceButWrappedLineDoesNot() {
		assertThat(SentenceSplitter.split("Hintergrund\nDer Rat hat die\nneue Satzung beschlossen."))
			.containsExactly("Hintergrund", "Der Rat hat die neue Satzung beschlossen.");
	}

	@Test
	void joinsLinesWrappedBeforeACapitalisedNoun() {
		// As a PDF gives its lines: German nouns start the next line in capitals.
		assertThat(SentenceSplitter
			.split("Wie das Unternehmen mitteilte, stieg das bereinigte Ergebnis bis Ende September um 9,3\n"
					+ "Prozent auf 1,24 Milliarden Euro. Analysten der großen Banken in Frankfurt hatten im\nSchnitt mit 1,20 Milliarden Euro gerechnet."))
			.containsExactly(
					"Wie das Unternehmen mitteilte, stieg das bereinigte Ergebnis bis Ende September um 9,3 Prozent auf 1,24 Milliarden Euro.",
					"Analysten der großen Banken in Frankfurt hatten im Schnitt mit 1,20 Milliarden Euro gerechnet.");
	}

	@Test
	void keepsNumberedListMarkerWithItsItem() {
		assertThat(SentenceSplitter.split("1. Der Haushalt wächst.\n\n2. Die Schulden sinken."))
			.containsExactly("1. Der Haushalt wächst.", "2. Die Schulden sinken.");
	}

	@Test
	void collapsesWhitespaceInsideSentences() {
		assertThat(SentenceSplitter.split("  Der   Rat\ttagte.   Danach  ging er.  ")).containsExactly("Der Rat tagte.",
				"Danach ging er.");
	}

	@Test
	void givesTheSameSentencesFromManyThreads() {
		String text = "Am 1. Januar tagte der Rat. Dr. Weber sprach z. B. über Radwege. Danach ging sie. ".repeat(20);
		List<String> expected = SentenceSplitter.split(text);

		List<List<String>> parallel = IntStream.range(0, 64)
			.parallel()
			.mapToObj((i) -> SentenceSplitter.split(text))
			.toList();

		assertThat(expected).hasSize(60);
		assertThat(parallel).allSatisfy((sentences) -> assertThat(sentences).isEqualTo(expected));
	}

	@Test
	void neverCutsAtAnOrdinalInBracketsOrBeforeAnInflectedNoun() {
		// Corpus sentences that were cut before.
		assertThat(SentenceSplitter.split("Die Band tritt am Dienstag (16. Februar) im Gasometer auf. Karten gibt es."))
			.containsExactly("Die Band tritt am Dienstag (16. Februar) im Gasometer auf.", "Karten gibt es.");
		assertThat(SentenceSplitter.split("Er entführt ins düstere London des frühen 20. Jahrhunderts. Es regnet."))
			.containsExactly("Er entführt ins düstere London des frühen 20. Jahrhunderts.", "Es regnet.");
		assertThat(SentenceSplitter.split("Junuzovic köpfelt neben das Tor. 36. Minute: Fuchs flankt."))
			.noneMatch((sentence) -> sentence.endsWith("36."));
	}

	@Test
	void splitsOffASubHeadingThatLostItsLineBreak() {
		assertThat(SentenceSplitter.split("Leise Kritik Bei PSG drehte sich vor dem Spiel wieder alles um den Star."))
			.containsExactly("Leise Kritik", "Bei PSG drehte sich vor dem Spiel wieder alles um den Star.");
		assertThat(SentenceSplitter.split("Am Montag drehte sich bei PSG alles um den Star."))
			.containsExactly("Am Montag drehte sich bei PSG alles um den Star.");
		assertThat(SentenceSplitter.split("Sebastian Kurz Im Interview sprach er über Europa."))
			.containsExactly("Sebastian Kurz", "Im Interview sprach er über Europa.");
		assertThat(SentenceSplitter.split("Die Grünen fordern mehr Geld für Schulen.")).hasSize(1);
	}

	@Test
	void givesNoSentencesForBlankTextAndRejectsNull() {
		assertThat(SentenceSplitter.split(" \n\n \t")).isEmpty();
		assertThatNullPointerException().isThrownBy(() -> SentenceSplitter.split(null)).withMessage("text");
	}

}
