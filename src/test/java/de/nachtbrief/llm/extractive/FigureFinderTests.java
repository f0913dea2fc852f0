package de.nachtbrief.llm.extractive;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import de.nachtbrief.brief.Brief.Figure;

import static org.assertj.core.api.Assertions.assertThat;

class FigureFinderTests {

	@Test
	void findsAmountsWithUnitsAndScales() {
		List<String> values = values(
				"Das kostet 4,2 Millionen Euro. Der Anteil stieg auf 12 % und dann auf 14 Prozent. "
						+ "Der Bau verschlingt 3,5 Mrd. Euro. Es kamen 1.000 Menschen. Das Ticket kostet € 49. "
						+ "Das ist das 18-fache des Preises. Die Firma hat 100 Millionen Nutzer.");

		assertThat(values).containsExactly("4,2 Millionen Euro", "12 %", "14 Prozent", "3,5 Mrd. Euro",
				"1.000 Menschen", "€ 49", "18-fache", "100 Millionen Nutzer");
	}

	@Test
	void findsUnitsAfterNoBreakSpaces() {
		assertThat(values("Der Anteil lag bei 12\u00A0% und 3,5\u202FMrd.\u00A0Euro.")).containsExactly("12\u00A0%",
				"3,5\u202FMrd.\u00A0Euro");
	}

	@Test
	void datesAreNotFiguresNorAreTheirNumbers() {
		List<String> values = values(
				"Am 1. Januar 2025 trat es in Kraft, im Juli 2025 folgte der Rest. Seit 2019 wächst "
						+ "die Zahl, bis 2030 soll sie sich verdoppeln. Der Brief kam am 12.03.2024 an, 3 Tage später.");

		assertThat(values).containsExactly("3 Tage");
	}

	@Test
	void ignoresBareNumbersVersionsAndModelNames() {
		assertThat(values("Microsoft 365 nutzt GPT-4, ERNIE 4.5 und gpt-oss-120b. Siehe Kapitel 3 und die Linie 14. "
				+ "Im Mai kam 2019 nichts. Herr Maier kam."))
			.isEmpty();
	}

	@Test
	void keepsTheFirstOccurrenceOfAValueAndAtMostTen() {
		List<String> sentences = IntStream.range(1, 15)
			.mapToObj((i) -> "Der Preis stieg um " + i + " Prozent.")
			.toList();

		List<Figure> figures = FigureFinder.find(List.of("Erst 1 Prozent.", "Dann wieder 1 Prozent."));
		assertThat(figures).containsExactly(new Figure("1 Prozent", "Erst 1 Prozent."));
		assertThat(FigureFinder.find(sentences)).hasSize(10).first().extracting(Figure::value).isEqualTo("1 Prozent");
	}

	@Test
	void aLongSentenceGivesTheClausesAroundTheFigure() {
		String sentence = "Für Iraschko-Stolz war es der elfte Weltcupsieg, sie rückte damit mit 150 Punkten in der "
				+ "Gesamtwertung näher an die im ersten Saisonbewerb in Lillehammer erfolgreich gebliebene Takanashi "
				+ "heran, die in der Entscheidung über 90 Meter nicht hinauskam.";

		List<Figure> figures = FigureFinder.find(List.of(sentence));

		assertThat(figures).extracting(Figure::context)
			.containsExactly(
					"sie rückte damit mit 150 Punkten in der Gesamtwertung näher an die im ersten "
							+ "Saisonbewerb in Lillehammer erfolgreich gebliebene Takanashi heran",
					"die in der Entscheidung über 90 Meter nicht hinauskam.");
	}

	@Test
	void aRunOnSentenceWithoutClausesIsCutAroundTheFigure() {
		String filler = "und dann kam noch ein weiterer Teil des langen Satzes hinzu ".repeat(4);
		String sentence = "Am Anfang stand " + filler + "ein Betrag von 4,2 Millionen Euro " + filler + "am Ende.";

		String context = FigureFinder.find(List.of(sentence)).get(0).context();

		assertThat(context).startsWith("…").endsWith("…").contains("4,2 Millionen Euro").hasSizeLessThanOrEqualTo(122);
		assertThat(sentence).contains(context.replace("…", ""));
	}

	private static List<String> values(String sentence) {
		return FigureFinder.find(List.of(sentence)).stream().map(Figure::value).toList();
	}

}
