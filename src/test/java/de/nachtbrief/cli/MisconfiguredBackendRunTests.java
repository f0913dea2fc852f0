package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run pointed at the wrong place, as typed on the command line: the run stops with exit
 * 1 and one line that says what to fix, and no input file is moved or recorded as failed.
 */
class MisconfiguredBackendRunTests {

	private static final int FILES = 10;

	@TempDir
	Path workspace;

	@Test
	void chatUrlThatAStaticFileServerAnswersStopsTheRunWithoutTouchingAFile() throws Exception {
		Path input = writeInput();
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			// What python3 -m http.server answers to POST /v1/chat/completions.
			server.failNext(100, 501, Map.of("Content-Type", "text/html"),
					"<!DOCTYPE HTML>\n<html><body><h1>Error response</h1><p>Error code: 501</p>"
							+ "<p>Message: Unsupported method ('POST').</p></body></html>\n");

			CommandLines.Result run = run(input, server, "m");

			assertThat(run.exitCode()).as(run.text()).isEqualTo(1);
			assertThat(run.err().strip()).doesNotContain("\n")
				.contains(server.openAiBaseUrl())
				.contains("HTTP 501")
				.doesNotContain("<");
		}
		assertUntouched(input);
	}

	@Test
	void modelTheBackendDoesNotListStopsTheRunNamingTheModelsOnOffer() throws Exception {
		Path input = writeInput();
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.models("gpt-a", "gpt-b");

			CommandLines.Result run = run(input, server, "no-such-model");

			assertThat(run.exitCode()).as(run.text()).isEqualTo(1);
			assertThat(run.err().strip()).doesNotContain("\n").contains("'no-such-model'").contains("gpt-a, gpt-b");
			assertThat(server.chatCalls()).isZero();
		}
		assertUntouched(input);
	}

	@Test
	void backendThatListsNoModelsStaysAllowed() throws Exception {
		Path input = writeInput();
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.models();
			server.answer((request) -> "{\"headline\":\"Schulen\",\"summary\":\"Der Senat baut Schulen.\","
					+ "\"keyPoints\":[],\"people\":[],\"organisations\":[],\"places\":[],\"figures\":[],"
					+ "\"quotes\":[],\"topics\":[]}");

			CommandLines.Result run = run(input, server, "no-such-model");

			assertThat(run.exitCode()).as(run.text()).isZero();
			assertThat(server.chatRequests()).isNotEmpty()
				.allSatisfy((request) -> assertThat(request.model()).isEqualTo("no-such-model"));
		}
	}

	private CommandLines.Result run(Path input, LoopbackLlmServer server, String model) throws IOException {
		Path job = Files.writeString(this.workspace.resolve("test.yaml"), "input:\n  stable-for: 0s\n");
		return CommandLines.execute("run", job.toString(), "--input", input.toString(), "--output", output().toString(),
				"--lang", "de", "--backend", "openai", "--base-url", server.openAiBaseUrl(), "--model", model);
	}

	private void assertUntouched(Path input) throws Exception {
		try (Stream<Path> files = Files.list(input)) {
			assertThat(files).hasSize(FILES);
		}
		assertThat(output().resolve("failed")).doesNotExist();
		assertThat(output().resolve("briefs")).doesNotExist();
		String url = "jdbc:h2:file:" + output().resolve("state/nachtbrief");
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet failed = connection.createStatement()
					.executeQuery("SELECT COUNT(*) FROM NB_DOCUMENT WHERE STATUS = 'FAILED'")) {
			failed.next();
			assertThat(failed.getInt(1)).isZero();
		}
	}

	private Path writeInput() throws IOException {
		Path input = Files.createDirectories(this.workspace.resolve("input"));
		for (int i = 1; i <= FILES; i++) {
			Files.writeString(input.resolve("artikel" + i + ".txt"), "Berlin. Der Senat hat beschlossen, " + i
					+ " neue Schulen zu bauen. Die Kosten liegen bei " + (i * 10) + " Millionen Euro.\n");
		}
		return input;
	}

	private Path output() {
		return this.workspace.resolve("output");
	}

}
