package de.nachtbrief.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.cli.ServeProcess;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's API, limits, authentication and operations endpoints over real HTTP,
 * against {@code serve} running in-process.
 */
class DashboardApiTests {

	private static final String ARTICLE = """
			Die Stadt Tübingen hat am Dienstag einen neuen Radweg eröffnet. Er kostete 2,4 Millionen Euro, \
			teilte Oberbürgermeister Boris Palmer mit. Der Weg verbindet die Altstadt mit dem Klinikum.
			""";

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path workspace;

	private Path jobs;

	private Path input;

	private Path output;

	@BeforeEach
	void jobWithOneBriefedArticle() throws Exception {
		this.jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		this.input = Files.createDirectories(this.workspace.resolve("input"));
		this.output = this.workspace.resolve("output");
		Files.writeString(this.input.resolve("radweg.txt"), ARTICLE);
		Files.writeString(this.jobs.resolve("lokal.yaml"),
				"input:\n  folder: " + this.input
						+ "\n  include: ['*.txt', '*.pdf']\n  stable-for: 0s\noutput:\n  folder: " + this.output
						+ "\nlanguages: [en, zh]\nbackends:\n  summarize: extractive\n  translate: extractive\n"
						+ "schedule:\n  enabled: false\n");
		CommandLines.Result run = CommandLines.execute("run", this.jobs.resolve("lokal.yaml").toString());
		assertThat(run.exitCode()).as(run.text()).isZero();
	}

	@AfterEach
	void forgetSecretsFile() {
		System.clearProperty(ApiKeys.SECRETS_FILE_PROPERTY);
	}

	@Test
	void apiShowsRunsBriefsAndTakesUploadsUnderSafeNames() throws Exception {
		try (ServeProcess serve = ServeProcess.start(this.jobs)) {
			String runs = get(serve, "/api/runs").body();
			assertThat(runs).contains("\"job\":\"lokal\"", "\"status\":\"COMPLETED\"", "\"briefed\":1");
			// Briefed and kept in the input folder: not new.
			assertThat(get(serve, "/api/jobs").body()).contains("\"name\":\"lokal\"", "\"waitingFiles\":0");
			Files.writeString(this.input.resolve("neu.txt"), ARTICLE + " Neu.");
			assertThat(get(serve, "/api/jobs").body()).contains("\"waitingFiles\":1");
			Files.delete(this.input.resolve("neu.txt"));
			String run = get(serve, "/api/jobs/lokal/runs/1").body();
			assertThat(run).contains("\"file\":\"radweg.txt\"", "\"status\":\"BRIEFED\"", "\"language\":\"en\"",
					"\"language\":\"zh\"");
			for (String page : new String[] { "/jobs/lokal/runs/1", "/jobs/lokal/documents/1" }) {
				HttpResponse<String> shown = get(serve, page);
				assertThat(shown.statusCode()).as(page).isEqualTo(200);
				assertThat(shown.body()).as(page).contains("radweg.txt");
			}
			String brief = get(serve, "/api/jobs/lokal/documents/1").body();
			assertThat(brief).contains("\"sha256\"", "Tübingen", "\"zh\"");
			// The run's headlines come from the records, not from reading every brief.
			try (var briefs = Files.walk(this.output.resolve("briefs"))) {
				for (Path json : briefs.filter((file) -> file.toString().endsWith(".json")).toList()) {
					Files.move(json, json.resolveSibling(json.getFileName() + ".away"));
				}
			}
			assertThat(get(serve, "/api/jobs/lokal/runs/1").body()).doesNotContain("\"headline\":null")
				.containsPattern("\"headline\":\"[^\"]*Radweg");
			assertThat(get(serve, "/api/jobs/lokal/runs/99").statusCode()).isEqualTo(404);
			assertThat(get(serve, "/api/jobs/nirgends/runs/1").statusCode()).isEqualTo(404);

			// A digest's relative link to a brief leads to that brief's page.
			String digest = get(serve, "/jobs/lokal/runs/1/digests/en").body();
			java.util.regex.Matcher link = java.util.regex.Pattern
				.compile("href=\"(\\.\\./briefs/[^\"]+\\.en\\.(md|html))\"")
				.matcher(digest);
			assertThat(link.find()).as(digest).isTrue();
			HttpResponse<String> followed = get(serve, "/jobs/lokal/runs/1/" + link.group(1).substring(3));
			assertThat(followed.statusCode()).isEqualTo(302);
			assertThat(followed.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/jobs/lokal/documents/1?lang=en"));

			// A large run's section pages, which the digest links to relatively, are
			// served
			// beside it; only this run's.
			String date = link.group(1).split("/")[2];
			Files.writeString(this.output.resolve("digests/" + date + "-run-1.en.section-1.html"), "<h1>Wien</h1>");
			assertThat(get(serve, "/jobs/lokal/runs/1/digests/" + date + "-run-1.en.section-1.html").body())
				.isEqualTo("<h1>Wien</h1>");
			assertThat(get(serve, "/jobs/lokal/runs/2/digests/" + date + "-run-1.en.section-1.html").statusCode())
				.isEqualTo(404);
			assertThat(get(serve, "/jobs/lokal/runs/1/digests/en").statusCode()).isEqualTo(200);

			// Only names of this machine: a re-pointed DNS name is turned away.
			assertThat(statusLine(serve, "evil.example")).contains(" 400 ");
			assertThat(statusLine(serve, "localhost")).contains(" 200 ");

			// A name that tries to leave the folder lands inside it, under its last part.
			HttpResponse<String> upload = upload(serve, "lokal", "../../etc/Radweg\u202E Nord?.txt",
					ARTICLE.replace("Tübingen", "Reutlingen"), true);
			assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
			assertThat(upload.body()).contains("\"file\":\"Radweg Nord.txt\"");
			assertThat(upload.headers().firstValue("Location")).hasValueSatisfying(
					(location) -> assertThat(location).endsWith("/api/jobs/lokal/uploads?file=Radweg%20Nord.txt"));
			assertThat(this.input.resolve("Radweg Nord.txt")).exists();
			assertThat(this.workspace.resolve("etc")).doesNotExist();
			awaitBody(serve, "/api/jobs/lokal/uploads?file=Radweg%20Nord.txt", "\"state\":\"BRIEFED\"");

			// The same name again is never overwritten.
			assertThat(upload(serve, "lokal", "Radweg Nord.txt", ARTICLE + " Nachtrag.", true).body())
				.contains("\"file\":\"Radweg Nord-2.txt\"");
		}
	}

	@Test
	void aBriefWrittenByTheFirstSchemaStillShows() throws Exception {
		Path written = writtenBrief();
		ObjectNode brief = (ObjectNode) new ObjectMapper().readTree(written.toFile());
		assertThat(brief.path("schemaVersion").asInt()).isEqualTo(BriefDocument.SCHEMA_VERSION);
		// As version 1 wrote it: no glossary use (added by 3), no cached input tokens
		// (2).
		brief.put("schemaVersion", 1);
		brief.path("briefs").forEach((localized) -> ((ObjectNode) localized).remove("glossary"));
		((ObjectNode) brief.path("usage")).remove("cachedInputTokens");
		Files.writeString(written, brief.toPrettyString());
		try (ServeProcess serve = ServeProcess.start(this.jobs)) {
			HttpResponse<String> page = get(serve, "/jobs/lokal/documents/1");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("radweg.txt", "Tübingen");
			assertThat(get(serve, "/api/jobs/lokal/documents/1").body()).contains("\"schemaVersion\":1",
					"\"cachedInputTokens\":0", "Tübingen");
		}
	}

	@Test
	void aModelWrittenBriefShowsWhatWasCheckedAndTakenOutAndItsGlossaryUse() throws Exception {
		Path written = writtenBrief();
		// As a model-written brief with a glossary, from which the check took a name out.
		ObjectNode brief = (ObjectNode) new ObjectMapper().readTree(written.toFile());
		((ObjectNode) brief.at("/backends/summarize")).put("backend", "openai");
		brief.putArray("removedByCheck").add("en: key point naming „Edwin Quarnholt“, not found in the source: X");
		ObjectNode glossary = ((ObjectNode) brief.at("/briefs/en")).putObject("glossary");
		glossary.putArray("used").add("Radweg → Radweg");
		glossary.putArray("missed");
		Files.writeString(written, brief.toPrettyString());
		try (ServeProcess serve = ServeProcess.start(this.jobs)) {
			String page = get(serve, "/jobs/lokal/documents/1").body();

			assertThat(page).contains("Checked against the source: numbers, names, quotes and links:",
					"Taken out, not in the source", "key point naming „Edwin Quarnholt“", "Glossary:",
					"used Radweg → Radweg; not used –");
		}
	}

	/** The JSON file of the one brief the job wrote before each test. */
	private Path writtenBrief() throws IOException {
		try (var briefs = Files.walk(this.output.resolve("briefs"))) {
			return briefs.filter((file) -> file.toString().endsWith(".json")).findFirst().orElseThrow();
		}
	}

	@Test
	void uploadsAreRefusedWithAReasonWhenForgedTooLargeOrNotForTheJob() throws Exception {
		try (ServeProcess serve = ServeProcess.start(this.jobs, "--max-upload=1KB")) {
			// No CSRF token and no API header: what a foreign page in the browser would
			// send.
			assertThat(upload(serve, "lokal", "fremd.txt", ARTICLE, false).statusCode()).isEqualTo(403);
			HttpResponse<String> tooLarge = upload(serve, "lokal", "gross.txt", ARTICLE.repeat(20), true);
			assertThat(tooLarge.statusCode()).isEqualTo(413);
			assertThat(tooLarge.body()).contains("larger than the limit of");
			HttpResponse<String> excluded = upload(serve, "lokal", "tabelle.xlsx", "x", true);
			assertThat(excluded.statusCode()).isEqualTo(400);
			assertThat(excluded.body()).contains("does not read files named 'tabelle.xlsx'");
			assertThat(upload(serve, "lokal", "...", "x", true).body()).contains("no usable name");
			HttpResponse<String> nul = upload(serve, "lokal", "a\u0000b.txt", "x", true);
			assertThat(nul.statusCode()).isEqualTo(400);
			assertThat(nul.body()).contains("The upload could not be read: Invalid file name");
			HttpResponse<String> noJob = upload(serve, "nirgends", "a.txt", "x", true);
			assertThat(noJob.statusCode()).isEqualTo(404);
			assertThat(noJob.body()).contains("no job named 'nirgends'");
			try (var files = Files.list(this.input)) {
				assertThat(files.map((file) -> file.getFileName().toString())).containsExactly("radweg.txt");
			}

			// Retry takes failed files only, never their notes or anything outside
			// failed/.
			Path failed = Files.createDirectories(this.output.resolve("failed"));
			Files.writeString(failed.resolve("kaputt.txt"), ARTICLE.replace("Radweg", "Brücke"));
			Files.writeString(failed.resolve("kaputt.txt.error.txt"),
					"kaputt.txt could not be briefed.\n\nReason: test\n");
			for (String file : new String[] { "kaputt.txt.error.txt", "kaputt.txt.error.txt/.", "KAPUTT.TXT.ERROR.TXT",
					"../state/nachtbrief.mv.db", "./kaputt.txt" }) {
				assertThat(post(serve,
						"/api/jobs/lokal/failed/retry?file=" + java.net.URLEncoder.encode(file, StandardCharsets.UTF_8))
					.statusCode()).as(file).isEqualTo(404);
			}
			HttpResponse<String> retried = post(serve, "/api/jobs/lokal/failed/retry?file=kaputt.txt");
			assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
			assertThat(retried.body()).contains("\"requeuedAs\":\"kaputt.txt\"");
			assertThat(this.input.resolve("kaputt.txt")).exists();
			assertThat(failed).isEmptyDirectory();
		}
	}

	@Test
	void aFailedFileOfJobsSharingAnOutputFolderGoesBackToTheJobItCameFrom() throws Exception {
		Path otherInput = Files.createDirectories(this.workspace.resolve("input-sport"));
		Files.writeString(this.jobs.resolve("sport.yaml"),
				"input:\n  folder: " + otherInput + "\noutput:\n  folder: " + this.output
						+ "\nbackends:\n  summarize: extractive\n  translate: extractive\n"
						+ "schedule:\n  enabled: false\n");
		Path failed = Files.createDirectories(this.output.resolve("failed"));
		Files.writeString(failed.resolve("spiel.txt"), ARTICLE.replace("Radweg", "Stadion"));
		Files.writeString(failed.resolve("spiel.txt.error.txt"),
				"spiel.txt could not be briefed.\n\nReason: test\n\nRun 7 of job 'sport', 2026-11-23T10:00:00Z.\n");
		try (ServeProcess serve = ServeProcess.start(this.jobs, "lokal", "sport")) {
			assertThat(get(serve, "/api/failed").body()).contains("\"job\":\"sport\"", "\"file\":\"spiel.txt\"");
			assertThat(post(serve, "/api/jobs/sport/failed/retry?file=spiel.txt").statusCode()).isEqualTo(200);
			assertThat(otherInput.resolve("spiel.txt")).exists();
			assertThat(this.input.resolve("spiel.txt")).doesNotExist();
		}
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposedAndTheyCarryTheJobsFigures() throws Exception {
		try (ServeProcess serve = ServeProcess.start(this.jobs)) {
			for (String hidden : new String[] { "env", "heapdump", "beans", "configprops", "loggers", "threaddump",
					"shutdown", "mappings" }) {
				assertThat(get(serve, "/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
			}
			String health = get(serve, "/actuator/health").body();
			assertThat(health).contains("\"status\":\"UP\"", "\"backends\"", "\"extractive\"", "\"folders\"",
					"lokal.input", "lokal.output");

			// A run inside serve counts into the dashboard's registry.
			Files.writeString(this.input.resolve("zweiter.txt"), ARTICLE.replace("Radweg", "Spielplatz"));
			post(serve, "/api/jobs/lokal/runs");
			awaitBody(serve, "/actuator/prometheus", "nachtbrief_runs_total{job=\"lokal\",status=\"COMPLETED\"}");
			String metrics = get(serve, "/actuator/prometheus").body();
			assertThat(metrics).contains("nachtbrief_documents_total{job=\"lokal\",outcome=\"briefed\"} 1.0",
					"nachtbrief_documents_total{job=\"lokal\",outcome=\"skipped\"} 1.0");

			// An input folder that is gone turns health DOWN, naming it.
			Files.move(this.input, this.workspace.resolve("weg"));
			HttpResponse<String> down = get(serve, "/actuator/health");
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(down.body()).contains("\"status\":\"DOWN\"", "missing");
			Files.move(this.workspace.resolve("weg"), this.input);
		}
	}

	@Test
	void healthAsksEachBackendAJobWouldCallAndIsDownWhenOneDoesNotAnswer() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (LoopbackLlmServer model = LoopbackLlmServer.start()) {
			System.setProperty("nachtbrief.backends.alive.type", "openai");
			System.setProperty("nachtbrief.backends.alive.base-url", model.openAiBaseUrl());
			System.setProperty("nachtbrief.backends.alive.model", "m");
			System.setProperty("nachtbrief.backends.dead.type", "ollama");
			System.setProperty("nachtbrief.backends.dead.base-url", "http://127.0.0.1:" + closedPort);
			System.setProperty("nachtbrief.backends.dead.model", "m");
			for (String job : new String[] { "alive", "dead" }) {
				Files.writeString(this.jobs.resolve(job + ".yaml"),
						"input:\n  folder: " + this.input + "\noutput:\n  folder: " + this.output
								+ "\nbackends:\n  summarize: " + job + "\n  translate: extractive\n"
								+ "schedule:\n  enabled: false\n");
			}
			try (ServeProcess serve = ServeProcess.start(this.jobs, "alive", "dead")) {
				HttpResponse<String> health = get(serve, "/actuator/health");
				assertThat(health.statusCode()).isEqualTo(503);
				assertThat(health.body()).contains("\"alive\":\"reachable at " + model.openAiBaseUrl(),
						"backend 'dead' is unreachable at http://127.0.0.1:" + closedPort);
				assertThat(model.requests()).anySatisfy((request) -> assertThat(request.path()).endsWith("/models"));
			}
		}
		finally {
			for (String property : new String[] { "type", "base-url", "model" }) {
				System.clearProperty("nachtbrief.backends.alive." + property);
				System.clearProperty("nachtbrief.backends.dead." + property);
			}
		}
	}

	@Test
	void offLoopbackEveryPageNeedsTheTokenButTheBareHealthStatus() throws Exception {
		String token = UUID.randomUUID().toString();
		Path secrets = Files.writeString(this.workspace.resolve("secrets.properties"),
				"NACHTBRIEF_WEB_TOKEN=" + token + "\n");
		System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY, secrets.toString());
		try (ServeProcess serve = ServeProcess.start(this.jobs, "--bind=0.0.0.0")) {
			assertThat(get(serve, "/api/runs").statusCode()).isEqualTo(401);
			assertThat(get(serve, "/").statusCode()).isEqualTo(401);
			assertThat(get(serve, "/api/runs", "Bearer wrong-" + token).statusCode()).isEqualTo(401);
			HttpResponse<String> signedIn = get(serve, "/api/runs", "Bearer " + token);
			assertThat(signedIn.statusCode()).isEqualTo(200);
			assertThat(signedIn.body()).contains("\"job\":\"lokal\"");
			assertThat(get(serve, "/actuator/prometheus").statusCode()).isEqualTo(401);
			assertThat(get(serve, "/actuator/prometheus", "Bearer " + token).statusCode()).isEqualTo(200);
			HttpResponse<String> health = get(serve, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("backends", "lokal");
		}
	}

	@Test
	void offLoopbackWithoutCredentialsServeRefusesToStart() {
		System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY, this.workspace.resolve("none.properties").toString());
		CommandLines.Result serve = CommandLines.execute("serve", "--jobs", this.jobs.toString(), "--bind=0.0.0.0",
				"--port=0");
		assertThat(serve.exitCode()).isEqualTo(2);
		assertThat(serve.text()).contains("without authentication: set NACHTBRIEF_WEB_TOKEN");
	}

	private HttpResponse<String> get(ServeProcess serve, String path) throws Exception {
		return get(serve, path, null);
	}

	private HttpResponse<String> get(ServeProcess serve, String path, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serve.url() + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ServeProcess serve, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(serve.url() + path))
			.header("X-Requested-With", "test")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The status line of a GET of /api/runs sent with this Host header. */
	private static String statusLine(ServeProcess serve, String host) throws Exception {
		URI url = URI.create(serve.url());
		try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
			socket.getOutputStream()
				.write(("GET /api/runs HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	/** A multipart upload as a browser or curl sends it. */
	private HttpResponse<String> upload(ServeProcess serve, String job, String fileName, String content,
			boolean apiHeader) throws Exception {
		String boundary = "----nachtbrief" + UUID.randomUUID();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(serve.url() + "/api/jobs/" + job + "/uploads"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (apiHeader) {
			request.header("X-Requested-With", "test");
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private void awaitBody(ServeProcess serve, String path, String expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		String last = "";
		while (System.nanoTime() < deadline) {
			last = get(serve, path).body();
			if (last.contains(expected)) {
				return;
			}
			Thread.sleep(200);
		}
		assertThat(last).as("after 60 s").contains(expected);
	}

}
