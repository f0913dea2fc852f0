package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.LoopbackLlmServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real jar at TRACE logging with a canary API key, once from the environment and
 * once from a secrets file, against a backend that echoes the key back in an error. The
 * key must reach the backend and nothing else: not the logs, not the H2 file, not a
 * single file under {@code output/}.
 */
class SecretCanaryIT {

	private static final String CANARY = "sk-canary-" + UUID.randomUUID().toString().replace("-", "");

	@TempDir
	Path workspace;

	@Test
	void theKeyAppearsNowhereButInTheRequestsToTheBackend() throws Exception {
		GermanCorpus.write(this.workspace.resolve("input"), 4);
		Path job = Files.writeString(this.workspace.resolve("canary.yaml"), "input:\n  stable-for: 0s\n");
		Path secrets = Files.writeString(this.workspace.resolve("secrets.properties"), "OPENAI_API_KEY=" + CANARY);
		try (LoopbackLlmServer server = LoopbackLlmServer.start()) {
			server.answer(ScriptedModel::answer);
			// A backend that repeats the key in its error, as some proxies do.
			server.failNext(1, 400, Map.of(),
					LoopbackLlmServer.openAiError("Invalid request from key " + CANARY, "invalid_request_error", null));

			int fromEnvironment = run(job, server, "environment", Map.of("OPENAI_API_KEY", CANARY), List.of());
			int fromFile = run(job, server, "secrets-file", Map.of(),
					List.of("-D" + "nachtbrief.secrets-file=" + secrets, "--fresh"));

			assertThat(fromEnvironment).as(read("environment.out")).isZero();
			assertThat(fromFile).as(read("secrets-file.out")).isZero();
			assertThat(server.chatRequests()).isNotEmpty()
				.allSatisfy((request) -> assertThat(request.authorization()).isEqualTo("Bearer " + CANARY));
			assertThat(read("environment.out")).contains("1 left pending").contains("[key redacted]");
		}
		List<Path> everything = new ArrayList<>(files(this.workspace.resolve("output")));
		everything.addAll(files(this.workspace.resolve("logs")));
		everything.add(this.workspace.resolve("environment.out"));
		everything.add(this.workspace.resolve("secrets-file.out"));
		assertThat(everything).anyMatch((file) -> file.toString().endsWith(".mv.db"))
			.anyMatch((file) -> file.toString().endsWith(".log"));
		assertThat(Files.size(this.workspace.resolve("logs/environment.log"))).as("TRACE logging was on")
			.isGreaterThan(100_000);
		for (Path file : everything) {
			String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
			assertThat(content).as(file.toString()).doesNotContain(CANARY).doesNotContain(CANARY.substring(10));
		}
	}

	private int run(Path job, LoopbackLlmServer server, String name, Map<String, String> environment,
			List<String> extra) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java, "-Dlogging.level.root=TRACE",
				"-Dlogging.file.name=" + this.workspace.resolve("logs/" + name + ".log")));
		extra.stream().filter((arg) -> arg.startsWith("-D")).forEach(command::add);
		command.addAll(List.of("-jar", Path.of("target/nachtbrief.jar").toAbsolutePath().toString(), "run",
				job.toString(), "--input", this.workspace.resolve("input").toString(), "--output",
				this.workspace.resolve("output").toString(), "--base-url", server.openAiBaseUrl(), "--model", "m"));
		extra.stream().filter((arg) -> !arg.startsWith("-D")).forEach(command::add);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.workspace.resolve(name + ".out").toFile());
		builder.environment().remove("OPENAI_API_KEY");
		builder.environment().putAll(environment);
		Process child = builder.start();
		assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
		return child.exitValue();
	}

	private String read(String file) throws IOException {
		return Files.readString(this.workspace.resolve(file));
	}

	private static List<Path> files(Path folder) throws IOException {
		try (Stream<Path> paths = Files.walk(folder)) {
			return paths.filter(Files::isRegularFile).toList();
		}
	}

}
