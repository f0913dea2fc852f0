package de.nachtbrief.text;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ClutterFilterTests {

	private static final String PARAGRAPH_ONE = "Der Stadtrat von Neustadt hat am Dienstag mit großer Mehrheit beschlossen, "
			+ "bis zum Jahr 2027 insgesamt zwölf Kilometer neue Radwege zu bauen, und dafür 4,2 Millionen Euro "
			+ "aus dem Haushalt freigegeben.";

	private static final String PARAGRAPH_TWO = "Die Opposition kritisierte vor allem die Reihenfolge der Projekte, weil "
			+ "die gefährliche Kreuzung am Bahnhof erst im letzten Bauabschnitt umgebaut werden soll und Eltern seit "
			+ "Jahren auf eine sichere Verbindung zur Grundschule warten.";

	@Test
	void dropsBylineAndReadingTime() {
		String text = "Neustadt baut neue Radwege\n\nVon\nLena Hofmann\n4 Minuten Lesezeit\n\n" + PARAGRAPH_ONE;

		assertThat(ClutterFilter.clean(text)).isEqualTo("Neustadt baut neue Radwege\n\n" + PARAGRAPH_ONE);
	}

	@Test
	void dropsOtherBylineAndReadingTimeShapes() {
		String text = "Von Lena Hofmann, Neustadt\nLesezeit: 3 Min.\nAktualisiert am 12.03.2025, 14:30 Uhr\n"
				+ "Autorin: Jana Weber\n\n" + PARAGRAPH_ONE;

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE);
	}

	@Test
	void dropsNewsletterPromptAndItsPromoSentence() {
		String text = PARAGRAPH_ONE + "\n\nAbonnieren Sie unseren Newsletter\n\n"
				+ "Erhalten Sie jeden Morgen die wichtigsten Nachrichten aus der Region direkt in Ihr Postfach\n\n"
				+ PARAGRAPH_TWO;

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE + "\n\n" + PARAGRAPH_TWO);
	}

	@Test
	void keepsShortArticleParagraphAfterNewsletterPromptWhenItIsNoPromo() {
		String text = "Newsletter abonnieren\nDer Bürgermeister will im Herbst erneut abstimmen lassen.";

		assertThat(ClutterFilter.clean(text)).isEqualTo("Der Bürgermeister will im Herbst erneut abstimmen lassen.");
	}

	@Test
	void dropsCookieNoticeWithPrivacyAndImprintPointers() {
		String text = PARAGRAPH_ONE + "\n\nWir verwenden Cookies auf unserer Website, um Ihnen ein besseres Erlebnis "
				+ "zu bieten und Inhalte zu personalisieren. Weitere Informationen finden Sie in unserer "
				+ "Datenschutzrichtlinie. Pflichtangaben finden Sie im Impressum\n\n"
				+ "Weitere Informationen finden Sie in unserer Datenschutzerklärung.\nAlle akzeptieren\nImpressum";

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE);
	}

	@Test
	void keepsArticleParagraphThatMerelyMentionsCookies() {
		String article = "Verbraucherschützer kritisieren, dass viele Händler Cookies setzen, bevor Kundinnen überhaupt "
				+ "zustimmen können. Weitere Informationen zur Rechtslage hat die Verbraucherzentrale veröffentlicht.";

		assertThat(ClutterFilter.clean(article)).isEqualTo(article);
	}

	@Test
	void dropsTeaserSectionUpToTheNextLongParagraph() {
		String text = PARAGRAPH_ONE
				+ "\n\nDas könnte Ihnen auch gefallen\n\nSo wird der Marktplatz im Sommer umgebaut\n"
				+ "Fünf Ausflugsziele für Radfahrer\n\nNeue Buslinie: Was sich ab Juni ändert\n\n" + PARAGRAPH_TWO;

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE + "\n\n" + PARAGRAPH_TWO);
	}

	@Test
	void dropsInlineTeaserLines() {
		String text = PARAGRAPH_ONE + "\nLesen Sie auch: Warum die Brücke später fertig wird\n"
				+ "Mehr zum Thema: Radverkehr in Zahlen\n" + PARAGRAPH_TWO;

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE + "\n" + PARAGRAPH_TWO);
	}

	@Test
	void dropsSubmissionDisclaimerAndCopyrightComplaint() {
		String text = PARAGRAPH_ONE + "\n\nDieser Artikel wurde von unserem Benutzer nach den Regeln der Plattform "
				+ "eingereicht. Wenn Sie glauben, dass er gegen Urheberrechte verstößt, schreiben Sie uns.\n\n"
				+ "Wenn Sie glauben, dass dieser Artikel gegen Urheberrechte verstößt, melden Sie ihn bitte.\n\n"
				+ "Dieser Artikel wurde mithilfe von KI verfasst.";

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE);
	}

	@Test
	void dropsShareButtonsAdvertisingLabelsAndNavigation() {
		String text = "Teilen\n\n" + PARAGRAPH_ONE + "\n\nAnzeige\n\n" + PARAGRAPH_TWO
				+ "\n\nDrucken\nArtikel merken\nWerbung\nZur Startseite";

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE + "\n\n" + PARAGRAPH_TWO);
	}

	@Test
	void dropsPhotoCaptionsCopyrightAndCommentPrompts() {
		String text = "Artikelbild für den Artikel: Neue Radwege in Neustadt\n\nFoto: Stadt Neustadt/Max Beispiel\n"
				+ PARAGRAPH_ONE + "\n\n© 2025 Neustädter Tagblatt. Alle Rechte vorbehalten.\n\nQuellenliste:\n\n"
				+ "3 Kommentare\n\nHinterlasse einen Kommentar\n\nAn der Diskussion beteiligen?\n"
				+ "Hinterlasse uns deinen Kommentar!\n\nSchreibe einen Kommentar";

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE);
	}

	@Test
	void dropsRunsOfShortMenuLines() {
		String text = "Politik\nWirtschaft\nSport\nKultur\n\n" + PARAGRAPH_ONE;

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE);
	}

	@Test
	void keepsShortRowsOfATableOfNumbers() {
		String table = "Jahr;Saldo\n2022;150.000\n2023;300.000\n2024;-60.000";

		assertThat(ClutterFilter.clean(table)).isEqualTo(table);
	}

	@Test
	void keepsHeadingsQuestionsAndBulletLists() {
		String text = "Hintergrund\n" + PARAGRAPH_ONE + "\nHäufige Fragen\nWann beginnt der Bau?\n"
				+ "Der Bau beginnt im Frühjahr.\n- Zwölf Kilometer neue Radwege bis 2027.\n"
				+ "- Die Kreuzung am Bahnhof kommt zuletzt.\nFazit\n" + PARAGRAPH_TWO;

		assertThat(ClutterFilter.clean(text)).isEqualTo(text);
	}

	@Test
	void stripsInvisibleCharactersAndCollapsesSpaces() {
		String text = "\uFEFFDer Bundes\u00ADtag\u200B  stimmt\u00A0am\tDienstag \u200Eab.\u2066 \u2069Danach\u200D folgt "
				+ "die   Pause.  \r\nNeue Zeile.";

		assertThat(ClutterFilter.clean(text))
			.isEqualTo("Der Bundestag stimmt am Dienstag ab. Danach folgt die Pause.\n" + "Neue Zeile.");
	}

	@Test
	void keepsParagraphBreaksAsOneBlankLine() {
		String text = "  \n\n" + PARAGRAPH_ONE + "\n \n\n\n" + PARAGRAPH_TWO + "\n\n\n";

		assertThat(ClutterFilter.clean(text)).isEqualTo(PARAGRAPH_ONE + "\n\n" + PARAGRAPH_TWO);
	}

	@Test
	void composesDecomposedUmlauts() {
		assertThat(ClutterFilter.clean("Mu\u0308nchen")).isEqualTo("München");
	}

	@Test
	void givesEmptyTextForBlankInputAndRejectsNull() {
		assertThat(ClutterFilter.clean(" \n\t\u200B\n")).isEmpty();
		assertThatNullPointerException().isThrownBy(() -> ClutterFilter.clean(null)).withMessage("text");
	}

	@Test
	void removesClutterFromSharedSeedArticlesWhenPresent() throws IOException {
		Path seeds = Path.of("..", "shared", "seeds");
		assumeTrue(Files.isDirectory(seeds), "shared seed articles are not available");
		List<Path> articles;
		try (Stream<Path> files = Files.list(seeds)) {
			articles = files.filter((file) -> file.toString().endsWith(".txt")).sorted().toList();
		}
		for (Path article : articles) {
			String raw = Files.readString(article);
			String cleaned = ClutterFilter.clean(raw);
			assertThat(cleaned).as(article.toString())
				.doesNotContain("Das könnte Ihnen auch gefallen", "Abonnieren Sie", "Wir verwenden Cookies", "Lesezeit",
						"Schreibe einen Kommentar", "Dieser Artikel wurde")
				.hasSizeGreaterThan(raw.length() * 3 / 4);
		}
	}

}
