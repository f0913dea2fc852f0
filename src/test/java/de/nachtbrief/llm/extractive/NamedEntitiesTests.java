package de.nachtbrief.llm.extractive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The German model on real sentences: from the project's seed articles (technology news)
 * and from the 10kGNAD corpus (Austrian general news).
 */
class NamedEntitiesTests {

	@Test
	void findsPeopleOrganisationsAndPlacesInASeedArticle() {
		NamedEntities.Found found = NamedEntities.in("""
				Sam Altman, Chef von OpenAI, hat kürzlich in Paris überraschend gesagt: OpenAI ist offen für eine \
				Zusammenarbeit mit China. Sam Altman selbst hat eingeräumt, dass jede Zusammenarbeit mit China \
				aufgrund der US-Bestimmungen ungewiss ist. Während Altman sich öffentlich für eine offene \
				Zusammenarbeit aussprechen mag, ist es unwahrscheinlich, dass OpenAI tatsächliche Schritte \
				unternimmt. Während Präsident Joe Biden zuvor die Beschränkungen verschärfte, eskalierte \
				Präsident Donald Trump diese Maßnahmen.""");

		assertThat(found.people()).containsExactly("Sam Altman", "Joe Biden", "Donald Trump");
		assertThat(found.organisations()).containsExactly("OpenAI");
		assertThat(found.places()).containsExactly("China", "Paris");
	}

	@Test
	void genitivesCountForTheBaseNameAndHyphenatedNamesStayWhole() {
		NamedEntities.Found found = NamedEntities.in("""
				Kairo – Frankreichs Präsident François Hollande bringt von seinem Besuch in Ägyptens Hauptstadt \
				Kairo Geschäftsabschlüsse in Höhe von zwei Milliarden Euro heim. Airbus Space Systems wird Ägypten \
				einen hochmodernen Kommunikationsatelliten verkaufen, der Energiekonzern Engie erhält einen \
				Großauftrag für eine Flüssiggasanlage. Beim feierlichen Empfang durch Präsident Abdel Fattah \
				al-Sisi sorgte die Militärkapelle für Aufsehen.""");

		assertThat(found.people()).containsExactly("François Hollande", "Abdel Fattah al-Sisi");
		assertThat(found.organisations()).containsExactly("Airbus Space Systems", "Engie");
		assertThat(found.places()).containsExactlyInAnyOrder("Kairo", "Ägypten", "Frankreich")
			.doesNotContain("Ägyptens", "Frankreichs");
	}

	@Test
	void wordsTrailingANameAndPartsOfCompoundsAreLeftOut() {
		NamedEntities.Found found = NamedEntities.in("""
				Innenministerin Johanna Mikl-Leitner traf in Wien den ÖVP-Klubchef. Die chinesischen KI-Modelle \
				holen auf, sagte Lian Jye Su von Omdia.""");

		assertThat(found.people()).contains("Johanna Mikl-Leitner").doesNotContain("Mikl", "Leitner");
		assertThat(found.places()).contains("Wien");
		assertThat(found.organisations()).doesNotContain("KI", "ÖVP");
		assertThat(found.people()).allSatisfy((person) -> assertThat(person).doesNotContain(" von "));
	}

	@Test
	void anArticleOpeningTheSentenceIsNotPartOfTheName() {
		// The opening sentence of the project's sample article on Südwerk's figures.
		NamedEntities.Found found = NamedEntities.in("""
				Der Energieversorger Südwerk Energie AG hat in den ersten neun Monaten des Jahres deutlich mehr \
				verdient, obwohl die Umsätze wegen gesunkener Großhandelspreise zurückgegangen sind.""");

		assertThat(found.organisations()).isNotEmpty().noneMatch((name) -> name.startsWith("Der "));
	}

	@Test
	void aTextWithoutNamesHasNone() {
		NamedEntities.Found found = NamedEntities.in("Die Preise steigen seit Monaten. Viele Haushalte sparen.");

		assertThat(found.people()).isEmpty();
		assertThat(found.organisations()).isEmpty();
		assertThat(found.places()).isEmpty();
	}

}
