package de.nachtbrief.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.delivery.LoopbackWebhook;
import de.nachtbrief.llm.ApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} left alone for three simulated nights with an e-mail and a chat
 * recipient: each night with new articles sends its digest once to each, dated by the
 * night it ran; a night with nothing new sends nothing.
 */
class UnattendedServeTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	@TempDir
	Path workspace;

	@AfterEach
	void forgetTheSecretsFileAndTheSmtpServer() {
		System.clearProperty(ApiKeys.SECRETS_FILE_PROPERTY);
		System.clearProperty("spring.mail.host");
		System.clearProperty("spring.mail.port");
	}

	@Test
	void overThreeNightsEachNightWithNewArticlesSendsOneDigestPerRecipientAndLanguage() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Path output = this.workspace.resolve("output");
		Files.writeString(jobs.resolve("nacht.yaml"), """
				input:
				  folder: %s
				  stable-for: 0s
				output:
				  folder: %s
				languages: [de, en]
				backends:
				  summarize: extractive
				  translate: extractive
				schedule:
				  cron: "0 0 2 * * *"
				  zone: Europe/Berlin
				watch:
				  enabled: false
				delivery:
				  recipients:
				    - name: chefredaktion
				      channel: email
				      to: [chef@example.org]
				    - name: newsroom
				      channel: slack
				      languages: [de]
				      url-env: NEWSROOM_HOOK_URL
				""".formatted(input, output));
		Files.writeString(input.resolve("hafen.txt"), "Der Gemeinderat von Lindau hat am Montag den neuen Hafen "
				+ "eröffnet. Der Bau dauerte drei Jahre und kostete 14 Millionen Euro, sagte die Bürgermeisterin.");
		System.setProperty("spring.mail.host", "127.0.0.1");
		System.setProperty("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));

		try (LoopbackWebhook newsroom = LoopbackWebhook.start()) {
			System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY,
					Files
						.writeString(this.workspace.resolve("secrets.properties"),
								"NEWSROOM_HOOK_URL=" + newsroom.url())
						.toString());
			// Held at 01:00 until serve has read its schedule, so the first night is the
			// next one however long start-up takes; then a simulated hour every half
			// second.
			HeldClock clock = new HeldClock(LocalDateTime.of(2026, 6, 11, 1, 0).atZone(BERLIN).toInstant());
			ServeProcess serve = ServeProcess.start(clock, Duration.ofMillis(10), jobs);
			clock.release(7200);

			// Night one briefs the harbour; the day after it brings nothing new.
			ServeCommandTests.awaitTrue(() -> serve.log().contains("run 1 COMPLETED"), Duration.ofSeconds(60));
			// Night two finds nothing new; the railway article arrives the day after.
			ServeCommandTests.awaitTrue(() -> serve.log().contains("run 2 COMPLETED"), Duration.ofSeconds(60));
			Files.writeString(input.resolve("bahn.txt"), "Die Bahn hat am Dienstag die Strecke zwischen Ulm und "
					+ "Augsburg wieder freigegeben. Die Sanierung kostete 80 Millionen Euro, teilte ein Sprecher mit.");
			ServeCommandTests.awaitTrue(() -> serve.log().contains("run 3 COMPLETED"), Duration.ofSeconds(60));
			// The dashboard kept up all along: three nights, each run's deliveries.
			HttpClient http = HttpClient.newHttpClient();
			String runs = http
				.send(HttpRequest.newBuilder(URI.create(serve.url() + "/api/runs")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(runs.split("\"status\":\"COMPLETED\"", -1)).hasSize(4);
			String third = http
				.send(HttpRequest.newBuilder(URI.create(serve.url() + "/api/jobs/nacht/runs/3")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(third).contains("\"recipient\":\"chefredaktion\"", "\"status\":\"SENT\"");
			HttpResponse<String> page = http.send(
					HttpRequest.newBuilder(URI.create(serve.url() + "/jobs/nacht/runs/3")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<td>chefredaktion</td>", "<span class=\"status SENT\">SENT</span>");
			serve.close();

			String log = serve.log();
			assertThat(log).contains("next run 2026-06-11T00:00:00Z");
			List<String> started = log.lines().filter((line) -> line.contains("run started")).toList();
			assertThat(started).as(log).hasSize(3);
			for (int night = 0; night < 3; night++) {
				assertThat(started.get(night)).matches(
						"2026-06-1" + (1 + night) + "T0[23]:\\d\\d(:\\d\\d)? job 'nacht': run started \\(schedule\\)");
			}
			assertThat(log).contains("run 1 COMPLETED: 1 briefed", "run 2 COMPLETED: 0 briefed",
					"run 3 COMPLETED: 1 briefed");

			List<String> chat = new ArrayList<>();
			for (LoopbackWebhook.Request request : newsroom.requests()) {
				chat.add(new ObjectMapper().readTree(request.body()).path("text").asText());
			}
			assertThat(chat).hasSize(2);
			assertThat(chat.get(0)).contains("2026-06-11").contains("Lindau").doesNotContain("Augsburg");
			assertThat(chat.get(1)).contains("2026-06-13").contains("Augsburg").doesNotContain("Lindau");
		}
		List<String> mails = new ArrayList<>();
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			mails.add(mail.getSubject() + " " + mail.getMessageID());
		}
		assertThat(mails).as("one e-mail per night with news and language").hasSize(4).doesNotHaveDuplicates();
		assertThat(mails).filteredOn((mail) -> mail.contains("2026-06-11")).hasSize(2);
		assertThat(mails).filteredOn((mail) -> mail.contains("2026-06-13")).hasSize(2);

		assertThat(outbox(output)).containsExactly("1 chefredaktion de 1/1 SENT", "1 chefredaktion en 1/1 SENT",
				"1 newsroom de 1/1 SENT", "3 chefredaktion de 1/1 SENT", "3 chefredaktion en 1/1 SENT",
				"3 newsroom de 1/1 SENT");
		for (long run : new long[] { 1, 3 }) {
			JsonNode report = new ObjectMapper().readTree(output.resolve("runs/run-" + run + ".json").toFile());
			assertThat(report.path("deliveries")).hasSize(3)
				.allSatisfy((message) -> assertThat(message.path("status").asText()).isEqualTo("SENT"));
			assertThat(report.path("digests").get(0).asText()).startsWith("digests/2026-06-1" + (run == 1 ? 1 : 3));
		}
		JsonNode quietNight = new ObjectMapper().readTree(output.resolve("runs/run-2.json").toFile());
		assertThat(quietNight.path("deliveries").isArray()).isTrue();
		assertThat(quietNight.path("deliveries")).isEmpty();
		assertThat(quietNight.path("deliverySkipped").asText()).contains("no new briefs");
	}

	/** Every outbox row as "run recipient language part/parts status", in order. */
	private static List<String> outbox(Path output) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + output.resolve("state/nachtbrief"), "sa",
				"");
				ResultSet result = db.createStatement()
					.executeQuery("SELECT RUN_ID, RECIPIENT, LANGUAGE, PART, PARTS, STATUS FROM NB_OUTBOX "
							+ "ORDER BY RUN_ID, RECIPIENT, LANGUAGE, PART")) {
			while (result.next()) {
				rows.add(result.getLong(1) + " " + result.getString(2) + " " + result.getString(3) + " "
						+ result.getInt(4) + "/" + result.getInt(5) + " " + result.getString(6));
			}
		}
		return rows;
	}

	/** Stands still at its start until released, then runs faster than real time. */
	private static final class HeldClock extends Clock {

		private final Instant start;

		private volatile Clock running;

		HeldClock(Instant start) {
			this.start = start;
		}

		void release(long factor) {
			this.running = new AcceleratedClock(this.start, factor, BERLIN);
		}

		@Override
		public Instant instant() {
			Clock clock = this.running;
			return clock != null ? clock.instant() : this.start;
		}

		@Override
		public ZoneId getZone() {
			return BERLIN;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("serve reads its clock in the zone it was given");
		}

	}

}
