package de.nachtbrief.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The fixture set under {@code src/test/resources/documents/}: one short article in every
 * format the service claims to read, two encoding variants and the broken or unsuitable
 * files the service must skip.
 */
final class TestDocuments {

	/**
	 * Carries the words the extraction tests look for: Straßenbahn, Größe, Müller, 4,2
	 * Millionen Euro.
	 */
	static final Article ARTICLE = new Article("Kesselbrunn baut die Straßenbahn aus", "Anna Berger",
			LocalDate.of(2025, 1, 15),
			List.of("Die Stadt Kesselbrunn modernisiert ihre Straßenbahn. Wie Baubürgermeister Thomas Müller am "
					+ "Mittwoch mitteilte, investiert die Stadt bis Ende 2025 insgesamt 4,2 Millionen Euro in neue "
					+ "Haltestellen und Gleise.",
					"„Die Größe der neuen Bahnsteige erlaubt endlich einen barrierefreien Einstieg“, sagte Müller. "
							+ "Die ersten Arbeiten beginnen am 3. März 2025 an der Haltestelle Marktplatz.",
					"Während der Bauzeit fahren auf der Linie Nr. 4 ca. sechs Wochen lang Ersatzbusse, u. a. "
							+ "zwischen dem Hauptbahnhof und der Weststadt."));

	static final List<String> ARTICLE_FORMATS = List.of("pdf", "docx", "odt", "html", "txt", "md", "rtf", "epub",
			"eml");

	static final String LATIN1_TEXT = """
			Größere Straßenbauarbeiten in der Innenstadt

			Ab Montag ist die Hauptstraße in Kesselbrunn für ungefähr drei Wochen gesperrt. Betroffen sind \
			Anwohnerinnen und Anwohner zwischen dem Rathausplatz und der Südbrücke. Die Umleitung führt über die \
			Mühlenstraße und den Gänseweg. Fußgänger können die Baustelle jederzeit passieren. Die Stadtwerke \
			erneuern dort Wasserleitungen, die älter als fünfzig Jahre sind. Außerdem werden Glasfaserkabel \
			verlegt. Für Rückfragen ist das Bürgerbüro werktags von 8 bis 16 Uhr erreichbar.
			""";

	static final String ENGLISH_TEXT = """
			The city council of Millbrook voted on Tuesday to extend the tram line to the new hospital campus. \
			The project will cost about 48 million dollars, most of it covered by a state grant, and construction \
			is expected to start next spring. Mayor Linda Hargreaves said the extension would cut travel times for \
			patients and staff by up to twenty minutes, while opponents warned that the budget did not include \
			enough money for maintenance.
			""";

	private TestDocuments() {
	}

	static void writeAll(Path folder) throws IOException {
		for (String extension : ARTICLE_FORMATS) {
			SampleDocuments.write(ARTICLE, extension, folder.resolve("artikel." + extension));
		}
		Files.writeString(folder.resolve("latin1.txt"), LATIN1_TEXT, StandardCharsets.ISO_8859_1);
		// UTF_16LE writes no byte order mark, so the BOM goes in as the first character.
		Files.writeString(folder.resolve("utf16.txt"), "\uFEFF" + plainText(ARTICLE), StandardCharsets.UTF_16LE);
		Files.writeString(folder.resolve("english.txt"), ENGLISH_TEXT, StandardCharsets.UTF_8);
		Files.write(folder.resolve("empty.txt"), new byte[0]);
		PdfFormat.writeImageOnly(new Article("Gescanntes Dokument", "Anna Berger", ARTICLE.date(), List.of("-")),
				folder.resolve("image-only.pdf"));
		byte[] noise = new byte[4096];
		new Random(20250115L).nextBytes(noise);
		Files.write(folder.resolve("random-bytes.pdf"), noise);
	}

	static String plainText(Article article) {
		return article.title() + "\n\n" + article.byline() + "\n\n" + String.join("\n\n", article.paragraphs()) + "\n";
	}

}
