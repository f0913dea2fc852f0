package de.nachtbrief.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.cli.CommandLines;
import de.nachtbrief.llm.local.TinyGguf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code nachtbrief model pull}, {@code list} and {@code bench} as a user types them,
 * with the catalog entry's download served from 127.0.0.1 and a tiny GGUF model.
 */
class ModelCommandTests {

	private static final String CATALOG = "nachtbrief.models.catalog[tiny].";

	@TempDir
	Path folder;

	private LoopbackFileServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.close();
		}
		System.clearProperty(CATALOG + "url");
		System.clearProperty(CATALOG + "file");
		System.clearProperty(CATALOG + "sha256");
	}

	@Test
	void pullsACatalogModelIntoTheModelsFolderAndChecksIt() throws Exception {
		byte[] model = Files.readAllBytes(tinyModel());
		this.server = LoopbackFileServer.start(model);
		catalogEntry(sha256(model));
		Path models = this.folder.resolve("models");

		CommandLines.Result pull = CommandLines.execute("model", "pull", "tiny", "--models", models.toString());

		assertThat(pull.exitCode()).as(pull.text()).isZero();
		assertThat(pull.out()).contains("SHA-256 checked");
		assertThat(Files.readAllBytes(models.resolve("tiny.gguf"))).isEqualTo(model);
		assertThat(models.resolve("tiny.gguf.part")).doesNotExist();
	}

	@Test
	void aChecksumMismatchFailsAndLeavesNoFile() throws Exception {
		byte[] model = Files.readAllBytes(tinyModel());
		this.server = LoopbackFileServer.start(model);
		catalogEntry("0".repeat(64));
		Path models = this.folder.resolve("models");

		CommandLines.Result pull = CommandLines.execute("model", "pull", "tiny", "--models", models.toString());

		assertThat(pull.exitCode()).isEqualTo(1);
		assertThat(pull.err()).contains(sha256(model)).contains("0".repeat(64));
		try (var left = Files.list(models)) {
			assertThat(left).isEmpty();
		}
	}

	@Test
	void pullsAnyFileByUrlWithTheHashAsPowerShellPrintsIt() throws Exception {
		byte[] model = Files.readAllBytes(tinyModel());
		this.server = LoopbackFileServer.start(model);
		Path models = this.folder.resolve("models");

		CommandLines.Result pull = CommandLines.execute("model", "pull", "--url",
				this.server.url("/model.gguf").toString(), "--sha256", sha256(model).toUpperCase(Locale.ROOT),
				"--models", models.toString());

		assertThat(pull.exitCode()).as(pull.text()).isZero();
		assertThat(Files.readAllBytes(models.resolve("model.gguf"))).isEqualTo(model);
	}

	@Test
	void aUrlThatNamesNoFileIsRefused() {
		for (String url : List.of("https://example.invalid/", "file:///etc/passwd")) {
			CommandLines.Result pull = CommandLines.execute("model", "pull", "--url", url, "--models",
					this.folder.toString());

			assertThat(pull.exitCode()).isEqualTo(2);
			assertThat(pull.err()).contains("--url must be an http or https address of a file").contains(url);
		}
	}

	@Test
	void anUnknownNameListsTheKnownOnes() {
		CommandLines.Result pull = CommandLines.execute("model", "pull", "gpt-5", "--models", this.folder.toString());

		assertThat(pull.exitCode()).isEqualTo(2);
		assertThat(pull.err()).contains("no model named 'gpt-5'").contains("qwen2.5-1.5b");
	}

	@Test
	void listShowsTheFilesPresentAndTheCatalog() throws IOException {
		Path models = this.folder.resolve("models");
		TinyGguf.random(1).write(models.resolve("qwen2.5-0.5b-instruct-q4_k_m.gguf"));
		byte[] whole = Files.readAllBytes(tinyModel());
		Files.write(models.resolve("halb.gguf"), java.util.Arrays.copyOf(whole, whole.length / 2));

		CommandLines.Result list = CommandLines.execute("model", "list", "--models", models.toString());

		assertThat(list.exitCode()).as(list.text()).isZero();
		assertThat(list.out()).containsPattern("qwen2.5-0.5b-instruct-q4_k_m.gguf +0 MB +llama, [0-9.]+ M parameters")
			.containsPattern("halb.gguf .*CUT OFF")
			.containsPattern("qwen2.5-0.5b +qwen2.5-0.5b-instruct-q4_k_m.gguf +491 MB +present")
			.containsPattern("qwen2.5-1.5b +qwen2.5-1.5b-instruct-q4_k_m.gguf +1,117 MB +\n")
			.contains("Backend 'local' uses " + models.resolve("qwen2.5-1.5b-instruct-q4_k_m.gguf"));
	}

	@Test
	void benchSaysInOneLineWhenTheModelsBriefIsNoBrief() throws IOException {
		Path model = TinyGguf.preferring(List.of("\"", "]", "}", "{", "["))
			.write(this.folder.resolve("models/tiny.gguf"));

		CommandLines.Result bench = CommandLines.execute("model", "bench", model.toString(), "--prompt-tokens", "64",
				"--generate", "16", "--brief");

		assertThat(bench.exitCode()).as("the run-failed exit code").isEqualTo(1);
		assertThat(bench.out()).containsPattern("brief +failed after \\d+ s: the grounding check found nothing");
		assertThat(bench.text()).doesNotContain("\tat ");
	}

	@Test
	void benchMeasuresTheModelAndBriefsTheSample() throws IOException {
		// A word of the source in every text: a headline of "]" would be no brief, and a
		// word the source lacks would be taken out as a name.
		Path model = TinyGguf.preferring(List.of("\"", "Euro", "]", "}", "{", "["))
			.write(this.folder.resolve("models/tiny.gguf"));

		CommandLines.Result bench = CommandLines.execute("model", "bench", model.toString(), "--prompt-tokens", "64",
				"--generate", "16", "--brief");

		assertThat(bench.exitCode()).as(bench.text()).isZero();
		assertThat(bench.out()).containsPattern("pp64 +[0-9.]+ tokens/s")
			.containsPattern("tg\\d+ +[0-9.]+ tokens/s")
			.containsPattern("brief +about \\d+ s for the 561-word sample article in English and Chinese: 1 call read")
			.containsPattern("brief +measured \\d+ s: 1 call read [0-9,]+ tokens");
	}

	@Test
	void benchNamesAMissingFile() {
		Path missing = this.folder.resolve("nichts.gguf");

		CommandLines.Result bench = CommandLines.execute("model", "bench", missing.toString());

		assertThat(bench.exitCode()).isEqualTo(1);
		assertThat(bench.err()).contains("no model file at " + missing.toAbsolutePath());
	}

	private void catalogEntry(String sha256) {
		System.setProperty(CATALOG + "url", this.server.url("/model.gguf").toString());
		System.setProperty(CATALOG + "file", "tiny.gguf");
		System.setProperty(CATALOG + "sha256", sha256);
	}

	private Path tinyModel() throws IOException {
		return TinyGguf.random(5).write(this.folder.resolve("source/tiny.gguf"));
	}

	private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
