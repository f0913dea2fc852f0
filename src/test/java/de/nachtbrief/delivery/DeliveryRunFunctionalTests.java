package de.nachtbrief.delivery;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import de.nachtbrief.cli.NachtbriefCommand;
import de.nachtbrief.llm.ApiKeys;

import de.nachtbrief.brief.BriefSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run with webhook and e-mail recipients, as a user configures it: the webhook
 * URL is a secret, the digest of each language arrives once, a run with nothing new sends
 * nothing, and the run report says what became of each message.
 */
class DeliveryRunFunctionalTests {

	@TempDir
	Path workspace;

	/** Every brief a test here writes must match the published schema. */
	@AfterEach
	void briefsMatchThePublishedSchema() {
		BriefSchema.assertAllValid(this.workspace);
	}

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

	@AfterEach
	void forgetTheSecretsFileAndTheSmtpServer() {
		System.clearProperty(ApiKeys.SECRETS_FILE_PROPERTY);
		System.clearProperty("spring.mail.host");
		System.clearProperty("spring.mail.port");
	}

	@Test
	void deliversEachLanguagesDigestOnceAfterARun() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Files.writeString(input.resolve("hafen.txt"), "Der Gemeinderat von Lindau hat am Montag den neuen Hafen "
				+ "eröffnet. Der Bau dauerte drei Jahre und kostete 14 Millionen Euro, sagte die Bürgermeisterin.");
		Path job = Files.writeString(this.workspace.resolve("team.yaml"), """
				input:
				  stable-for: 0s
				delivery:
				  recipients:
				    - name: redaktion
				      channel: webhook
				      url-env: TEAM_HOOK_URL
				""");
		try (LoopbackWebhook webhook = LoopbackWebhook.start()) {
			Path secrets = Files.writeString(this.workspace.resolve("secrets.properties"),
					"TEAM_HOOK_URL=" + webhook.url());
			System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY, secrets.toString());

			Run first = run(job);
			assertThat(first.exitCode()).as(first.output()).isZero();
			List<JsonNode> messages = new ArrayList<>();
			for (LoopbackWebhook.Request request : webhook.requests()) {
				messages.add(new ObjectMapper().readTree(request.body()));
				assertThat(request.header("Idempotency-Key")).isNotBlank();
			}
			assertThat(messages).extracting((message) -> message.path("language").asText())
				.containsExactlyInAnyOrder("en", "zh");
			assertThat(messages)
				.allSatisfy((message) -> assertThat(message.path("markdown").asText()).contains("Lindau"));

			Run second = run(job);
			assertThat(second.exitCode()).isZero();
			assertThat(webhook.requests()).as("nothing new, nothing sent").hasSize(2);
		}
		try (Connection db = DriverManager
			.getConnection("jdbc:h2:file:" + this.workspace.resolve("output/state/nachtbrief"), "sa", "");
				ResultSet rows = db.createStatement()
					.executeQuery("SELECT STATUS, COUNT(*) FROM NB_OUTBOX GROUP BY STATUS")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("SENT");
			assertThat(rows.getInt(2)).isEqualTo(2);
			assertThat(rows.next()).isFalse();
		}
		String firstReport = Files.readString(this.workspace.resolve("output/runs/run-1.json"));
		assertThat(firstReport).doesNotContain("T0KEN").doesNotContain("127.0.0.1");
		JsonNode first = new ObjectMapper().readTree(firstReport);
		assertThat(first.has("deliverySkipped")).isFalse();
		assertThat(first.path("deliveries")).hasSize(2).allSatisfy((message) -> {
			assertThat(message.path("recipient").asText()).isEqualTo("redaktion");
			assertThat(message.path("channel").asText()).isEqualTo("webhook");
			assertThat(message.path("status").asText()).isEqualTo("SENT");
			assertThat(message.path("attempts").asInt()).isEqualTo(1);
			assertThat(message.path("part").asInt()).isEqualTo(message.path("parts").asInt()).isEqualTo(1);
			assertThat(message.path("sentAt").asText()).isNotBlank();
			assertThat(message.path("lastError").isNull()).isTrue();
		});
		assertThat(first.path("deliveries")).extracting((message) -> message.path("language").asText())
			.containsExactly("en", "zh");
		JsonNode second = new ObjectMapper().readTree(this.workspace.resolve("output/runs/run-2.json").toFile());
		assertThat(second.path("deliveries").isArray()).isTrue();
		assertThat(second.path("deliveries")).isEmpty();
		assertThat(second.path("deliverySkipped").asText()).contains("no new briefs");
		assertThat(second.path("counts").path("briefed").asInt()).isZero();
	}

	@Test
	void theRunReportListsEachRecipientsMessagesWithAFailedWebhooksRedactedError() throws Exception {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		Files.writeString(input.resolve("bahn.txt"), "Die Bahn hat am Dienstag die Strecke zwischen Ulm und Augsburg "
				+ "wieder freigegeben. Die Sanierung kostete 80 Millionen Euro, teilte ein Sprecher mit.");
		Path job = Files.writeString(this.workspace.resolve("team.yaml"), """
				input:
				  stable-for: 0s
				languages: [de, en]
				delivery:
				  recipients:
				    - name: chefredaktion
				      channel: email
				      to: [chef@example.org]
				    - name: chat
				      channel: slack
				      languages: [de]
				      url-env: CHAT_HOOK_URL
				""");
		try (LoopbackWebhook webhook = LoopbackWebhook.start()) {
			// The receiver echoes the URL in its refusal, as some chat services do.
			webhook.answerWith(404);
			webhook.answerBody("no such hook: " + webhook.url());
			Path secrets = Files.writeString(this.workspace.resolve("secrets.properties"),
					"CHAT_HOOK_URL=" + webhook.url());
			System.setProperty(ApiKeys.SECRETS_FILE_PROPERTY, secrets.toString());
			System.setProperty("spring.mail.host", "127.0.0.1");
			System.setProperty("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));

			Run run = run(job);

			assertThat(run.exitCode()).as(run.output()).isZero();
			assertThat(run.output()).contains("Delivery: 3 message(s) to 2 recipient(s): 1 failed, 2 sent");
			assertThat(webhook.requests()).hasSize(1);
		}
		assertThat(smtp.getReceivedMessages()).hasSize(2);
		String text = Files.readString(this.workspace.resolve("output/runs/run-1.json"));
		assertThat(text).doesNotContain("T0KEN").doesNotContain("CHAT_HOOK_URL").doesNotContain("127.0.0.1");
		JsonNode deliveries = new ObjectMapper().readTree(text).path("deliveries");
		assertThat(deliveries)
			.extracting((message) -> message.path("recipient").asText() + "/" + message.path("channel").asText() + "/"
					+ message.path("language").asText() + "/" + message.path("status").asText())
			.containsExactly("chat/slack/de/FAILED", "chefredaktion/email/de/SENT", "chefredaktion/email/en/SENT");
		JsonNode failed = deliveries.get(0);
		assertThat(failed.path("attempts").asInt()).isEqualTo(1);
		assertThat(failed.path("lastError").asText()).startsWith("HTTP 404").contains("[webhook URL]");
		assertThat(failed.path("sentAt").isNull()).isTrue();
	}

	private record Run(int exitCode, String output) {
	}

	private Run run(Path job) {
		StringWriter out = new StringWriter();
		CommandLine command = NachtbriefCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(out, true));
		int exitCode = command.execute("run", job.toString(), "--input", this.workspace.resolve("input").toString(),
				"--output", this.workspace.resolve("output").toString(), "--backend", "extractive");
		return new Run(exitCode, out.toString());
	}

}
