package de.nachtbrief.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Agency tags and embedded tweets as the 10kGNAD corpus articles carry them. */
class InlineClutterTests {

	@Test
	void removesAgencyTagsWithADateAndAtAParagraphsEnd() {
		assertThat(ClutterFilter.clean("Die Regierung hat den Plan beschlossen. (APA, 5.9.2015)"))
			.isEqualTo("Die Regierung hat den Plan beschlossen.");
		assertThat(ClutterFilter.clean("Der Plan gilt ab Montag. (APA/dpa, 23.8.2015) Weitere Details folgen."))
			.isEqualTo("Der Plan gilt ab Montag. Weitere Details folgen.");
		assertThat(ClutterFilter.clean("Das Spiel endete 2:1. (red, 2. 9. 2015)\n\nDer Trainer war zufrieden. (APA)"))
			.isEqualTo("Das Spiel endete 2:1.\n\nDer Trainer war zufrieden.");
		assertThat(ClutterFilter.clean("Salzburg scheiterte. (red – 29.7. 2015) Qualifikation Champions League"))
			.isEqualTo("Salzburg scheiterte. Qualifikation Champions League");
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

}
