package de.nachtbrief.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two jobs with state databases of their own run at once in one {@code serve}. Their
 * first runs have the same run number; before the execution ids were kept apart, one of
 * them failed with an {@code OptimisticLockingFailureException} as soon as both ran.
 */
class ConcurrentJobsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	@TempDir
	Path workspace;

	@Test
	void twoJobsWithTheirOwnStateRunAtOnce() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		for (String job : new String[] { "nord", "sued" }) {
			Path input = Files.createDirectories(this.workspace.resolve("input-" + job));
			for (int i = 0; i < 40; i++) {
				Files.writeString(input.resolve("artikel-" + i + ".txt"),
						"Die Stadt " + job + "heim baut " + i + " neue Wohnungen. Der Bau kostet " + (i + 3)
								+ " Millionen Euro, teilte Bürgermeister Jan "
								+ "Berg am Montag mit. Die Arbeiten beginnen im Herbst und dauern zwei Jahre.\n");
			}
			Files.writeString(jobs.resolve(job + ".yaml"), "input:\n  folder: " + input + "\n  stable-for: 0s\n"
					+ "output:\n  folder: " + this.workspace.resolve("output-" + job) + "\nlanguages: [en]\n"
					+ "backends:\n  summarize: extractive\n  translate: extractive\nschedule:\n  enabled: false\n");
		}
		try (ServeProcess serve = ServeProcess.start(jobs)) {
			for (String job : new String[] { "nord", "sued" }) {
				HttpResponse<String> requested = this.http
					.send(HttpRequest.newBuilder(URI.create(serve.url() + "/api/jobs/" + job + "/runs"))
						.header("X-Requested-With", "test")
						.POST(HttpRequest.BodyPublishers.noBody())
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(requested.statusCode()).isEqualTo(202);
			}
			Path nord = this.workspace.resolve("output-nord/runs/run-1.json");
			Path sued = this.workspace.resolve("output-sued/runs/run-1.json");
			ServeCommandTests.awaitTrue(
					() -> serve.log().contains("job 'nord': run 1 ") && serve.log().contains("job 'sued': run 1 "),
					Duration.ofSeconds(120));
			JsonNode first = this.json.readTree(nord.toFile());
			JsonNode second = this.json.readTree(sued.toFile());
			for (JsonNode report : new JsonNode[] { first, second }) {
				assertThat(report.at("/counts/briefed").asInt()).as(report.toString()).isEqualTo(40);
				assertThat(report.at("/counts/failed").asInt()).isZero();
			}
			// They overlapped: both started before either finished. (The reports' times
			// are to the second, and a warm JVM briefs 40 articles in less.)
			String log = serve.log();
			int firstFinished = Math.min(log.indexOf("job 'nord': run 1 "), log.indexOf("job 'sued': run 1 "));
			assertThat(firstFinished).as(log).isPositive();
			assertThat(log.indexOf("job 'nord': run started")).as(log).isBetween(0, firstFinished);
			assertThat(log.indexOf("job 'sued': run started")).as(log).isBetween(0, firstFinished);
		}
	}

}
