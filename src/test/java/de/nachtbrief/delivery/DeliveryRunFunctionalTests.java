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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import de.nachtbrief.cli.NachtbriefCommand;
import de.nachtbrief.llm.ApiKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run with a webhook recipient, as a user configures it: the webhook URL is a
 * secret, the digest of each language arrives once, and a run with nothing new sends
 * nothing.
 */
class DeliveryRunFunctionalTests {

	@TempDir
	Path workspace;

	@AfterEach
	void forgetTheSecretsFile() {
		System.clearProperty(ApiKeys.SECRETS_FILE_PROPERTY);
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
		assertThat(Files.readString(this.workspace.resolve("output/runs/run-1.json"))).doesNotContain("T0KEN");
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
