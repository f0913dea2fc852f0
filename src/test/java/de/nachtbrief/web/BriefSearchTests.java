package de.nachtbrief.web;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.ServeProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over a run of 30 briefs and one failed file, through the API of a real
 * {@code serve}: words and names, filters, pages, and what a later run adds.
 */
class BriefSearchTests {

	private static final String[] PLACES = { "Freiburg", "Kassel", "Rostock" };

	private static final String[] THEMES = { "eine neue Brücke über den Fluss", "ein neues Hallenbad mit acht Bahnen",
			"eine neue Stadtbibliothek am Markt" };

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path workspace;

	@Test
	void findsBriefsByWordsAndNamesFiltersThemAndPagesThrough() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		for (int i = 0; i < 30; i++) {
			String place = PLACES[i % 3];
			Files.writeString(input.resolve("artikel-" + i + ".txt"),
					"Die Stadt " + place + " baut " + THEMES[i % 3] + ". Der Bau kostet " + (10 + i)
							+ " Millionen Euro, teilte Bürgermeisterin Anna Weber in " + place
							+ " am Montag mit. Die Arbeiten an Vorhaben Nummer " + i + " beginnen im Herbst.\n");
		}
		Files.writeString(input.resolve("leer.txt"), "");
		Files.writeString(jobs.resolve("lokal.yaml"),
				"input:\n  folder: " + input + "\n  stable-for: 0s\noutput:\n" + "  folder: "
						+ this.workspace.resolve("output") + "\nlanguages: [en, zh]\nbackends:\n"
						+ "  summarize: extractive\n  translate: extractive\nschedule:\n  enabled: false\n");
		CommandLines.Result run = CommandLines.execute("run", jobs.resolve("lokal.yaml").toString());
		assertThat(run.exitCode()).as(run.text()).isZero();

		try (ServeProcess serve = ServeProcess.start(jobs)) {
			JsonNode all = search(serve, "");
			assertThat(all.path("total").asInt()).isEqualTo(31);
			assertThat(all.path("hits")).hasSize(25);
			assertThat(all.path("pages").asInt()).isEqualTo(2);
			assertThat(search(serve, "page=2").path("hits")).hasSize(6);

			JsonNode bridges = search(serve, "q=" + encode("Brücke Freiburg"));
			assertThat(bridges.path("total").asInt()).isPositive();
			assertThat(bridges.path("hits"))
				.allSatisfy((hit) -> assertThat(hit.path("headline").asText()).contains("Brücke").contains("Freiburg"));
			assertThat(search(serve, "q=" + encode("Brücke Rostock")).path("total").asInt()).isZero();
			assertThat(search(serve, "q=" + encode("\"Anna Weber\"")).path("total").asInt()).isEqualTo(30);
			assertThat(search(serve, "q=" + encode("Nummer 17")).path("hits").get(0).path("file").asText())
				.isEqualTo("artikel-17.txt");

			JsonNode failed = search(serve, "outcome=failed");
			assertThat(failed.path("total").asInt()).isOne();
			assertThat(failed.at("/hits/0/reason").asText()).contains("empty");
			assertThat(search(serve, "q=empty&outcome=briefed").path("total").asInt()).isZero();
			assertThat(search(serve, "language=zh").path("total").asInt()).isEqualTo(30);
			assertThat(search(serve, "job=nirgends").path("total").asInt()).isZero();
			String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
			assertThat(search(serve, "from=" + today + "&to=" + today).path("total").asInt()).isEqualTo(31);
			assertThat(search(serve, "to=2020-01-01").path("total").asInt()).isZero();
			assertThat(all.path("topics").toString()).contains("Stadt");

			// A later run's briefs are found without a restart.
			Files.writeString(input.resolve("nachtrag.txt"),
					"Die Stadt Görlitz eröffnet ein Planetarium. Es kostete 9 Millionen Euro, sagte Jan Berg.\n");
			run = CommandLines.execute("run", jobs.resolve("lokal.yaml").toString());
			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(search(serve, "q=Planetarium").path("total").asInt()).isOne();

			// A mistyped filter is a clear error, not an empty page.
			HttpResponse<String> wrong = get(serve, "/api/search?from=gestern");
			assertThat(wrong.statusCode()).isEqualTo(400);
			assertThat(wrong.body()).contains("not a date like 2026-12-04");
		}
	}

	private JsonNode search(ServeProcess serve, String query) throws Exception {
		HttpResponse<String> response = get(serve, "/api/search?" + query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> get(ServeProcess serve, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(serve.url() + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
