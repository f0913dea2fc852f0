package de.nachtbrief.extract;

import org.junit.jupiter.api.Test;

import de.nachtbrief.text.ClutterFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** The four kinds of clutter of issue 14 as a news page's HTML carries them. */
class HtmlClutterTests {

	@Test
	void aNewsPageLosesBylinesCreditsEmbedsAgencyTagsAndResultTables() throws ExtractionException {
		String html = """
				<html><body><article>
				<h1>Salzburg gewinnt in Malmö</h1>
				<p>Von Maria Müller</p>
				<p>Red Bull Salzburg hat am Dienstag in Malmö mit 2:0 gewonnen. (Foto: APA/Krug)</p>
				<figure><img src="jubel.jpg"><figcaption>Foto: APA/Krug</figcaption></figure>
				<p>Trainer Adi Hütter lobte die Abwehr. Foto: APA/Gindl</p>
				<iframe src="https://www.youtube.com/embed/abc"></iframe>
				<p>https://www.youtube.com/watch?v=abc</p>
				<blockquote class="twitter-tweet"><p>Was für ein Abend! pic.twitter.com/AbC123</p></blockquote>
				<p>Das Rückspiel folgt am 5. August. (APA, 29.7.2015) Qualifikation Champions League, 3. Runde: \
				1. Salzburg 6 Pkt. – 2. Malmö 3 Pkt. – 3. Celtic 3 Pkt.</p>
				</article></body></html>""";

		String text = ClutterFilter.clean(HtmlArticle.read(html, 200).text());

		assertThat(text).contains("Red Bull Salzburg hat am Dienstag in Malmö mit 2:0 gewonnen.",
				"Trainer Adi Hütter lobte die Abwehr.", "Das Rückspiel folgt am 5. August.");
		assertThat(text).doesNotContain("Maria Müller", "Foto", "APA", "youtube", "pic.twitter.com",
				"Was für ein Abend", "Celtic", "Pkt.");
	}

}
