package de.nachtbrief.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Agency tags and embedded tweets as the 10kGNAD corpus articles carry them. */
class InlineClutterTests {

	@Test
	void removesAgencyTagsWithADateAndAtAParagraphsEnd() {
		assertThat(ClutterFilter.clean("Die Regierung hat den Plan beschlossen. (APA, 5.9.2015)"))
			.isEqualTo("Die Regierung hat den Plan beschlossen.");
		assertThat(ClutterFilter.clean("Das Spiel endete 2:1. (red, 2. 9. 2015)\n\nDer Trainer war zufrieden. (APA)"))
			.isEqualTo("Das Spiel endete 2:1.\n\nDer Trainer war zufrieden.");
	}

	@Test
	void dropsTheAppendixThatFollowsADatedAgencyTagOnItsLine() {
		// All 37 corpus articles with text after such a tag carry results, line-ups or
		// data boxes there.
		assertThat(ClutterFilter.clean("Nächster Stopp ist am 10. September Australien. (APA/dpa, 23.8.2015) 9. Lauf "
				+ "zur Rallye-WM (3. Etappe – Endstand nach 21 Prüfungen): 1. Sebastien Ogier/Julien Ingrassia (FRA) "
				+ "VW Polo 3:35:49,5 Std. – 2. Jari-Matti Latvala/Miikka Anttila (FIN) VW Polo +0:23,0 Min."))
			.isEqualTo("Nächster Stopp ist am 10. September Australien.");
		assertThat(ClutterFilter.clean("Salzburg scheiterte. (red – 29.7. 2015) Qualifikation Champions League, "
				+ "3. Runde, Hinspiel: Red Bull Salzburg – Malmö FF 2:0 (0:0)."))
			.isEqualTo("Salzburg scheiterte.");
		assertThat(ClutterFilter.clean("Sie liegt vor Japan (289). (APA, 20.1.2016)\n\nDer nächste Bewerb folgt."))
			.isEqualTo("Sie liegt vor Japan (289).\n\nDer nächste Bewerb folgt.");
	}

	@Test
	void dropsAResultsTableRunIntoTheText() {
		assertThat(ClutterFilter.clean("Ogier hat 93 Punkte Vorsprung. Fahrer-Wertung (nach 9 von 13 Läufen): "
				+ "1. Ogier 207 Pkt. – 2. Jari-Matti Latvala 114 – 3. Andreas Mikkelsen 98"))
			.isEqualTo("Ogier hat 93 Punkte Vorsprung.");
		String ranksInProse = "Sie wurde 13., Raudaschl wurde 24. und Vogt 3. im Gesamtklassement.";
		assertThat(ClutterFilter.clean(ranksInProse)).isEqualTo(ranksInProse);
	}

	@Test
	void keepsWhatOnlyLooksLikeATag() {
		String text = "Laut der Nachrichtenagentur Associated Press (AP) wurde der Vertrag unterschrieben.";
		assertThat(ClutterFilter.clean(text)).isEqualTo(text);
	}

	@Test
	void removesAnEmbeddedTweetWithItsLinks() {
		assertThat(ClutterFilter.clean("Die Umsätze stiegen deutlich. Sales grew 74% when we added female models "
				+ "pic.twitter.com/oOo10gTVc2 Newman meint, dass dieser Anstieg kein Zufall ist."))
			.isEqualTo("Die Umsätze stiegen deutlich. Newman meint, dass dieser Anstieg kein Zufall ist.");
		assertThat(ClutterFilter.clean("Der Reaktor ging in Betrieb. Wendelstein 7-X in Betrieb gegangen "
				+ "https://t.co/QH1bJFIB6F (js) #W7X pic.twitter.com/ZNXgs0HgKt Es war eine Generalprobe."))
			.isEqualTo("Der Reaktor ging in Betrieb. Es war eine Generalprobe.");
		assertThat(ClutterFilter.clean("Die Partei provoziert. Beleidigen, provozieren - später dann relativieren. "
				+ "https://t.co/vDhbCqSz6L SPD-Chef Sigmar Gabriel widersprach."))
			.isEqualTo("Die Partei provoziert. SPD-Chef Sigmar Gabriel widersprach.");
	}

	@Test
	void dropsPhotoCreditsAndBylinesInBracketsAndAfterAParagraph() {
		// The byline in brackets is a corpus article's; the credits are as news sites
		// write them.
		assertThat(ClutterFilter
			.clean("Die Eröffnung ist am Montag. (Text: David Krutzler, Video: Maria von Usslar, " + "1.10.2015)"))
			.isEqualTo("Die Eröffnung ist am Montag.");
		assertThat(ClutterFilter.clean("Kanzler Faymann (Foto: APA/Hans Punz) sprach von einem guten Tag."))
			.isEqualTo("Kanzler Faymann sprach von einem guten Tag.");
		assertThat(
				ClutterFilter.clean("Die Brücke wurde am Montag eröffnet. Foto: APA/Hans Punz\n\nDer Verkehr rollt."))
			.isEqualTo("Die Brücke wurde am Montag eröffnet.\n\nDer Verkehr rollt.");
		String mention = "Wie schlagen sich Politiker im echten Leben? Stimmt das Bild: Politiker packen nicht an?";
		assertThat(ClutterFilter.clean(mention)).isEqualTo(mention);
	}

	@Test
	void dropsAVideoOrPostEmbeddedAsItsLink() {
		assertThat(ClutterFilter.clean("Die Szenen wurden gefilmt.\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n"
				+ "Der Fahrer blieb unverletzt."))
			.isEqualTo("Die Szenen wurden gefilmt.\nDer Fahrer blieb unverletzt.");
		assertThat(ClutterFilter.clean("Video: Die Landung der Sonde im Zeitraffer\nDie Sonde landete sicher."))
			.isEqualTo("Die Sonde landete sicher.");
	}

}
