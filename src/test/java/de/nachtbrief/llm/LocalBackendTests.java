package de.nachtbrief.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import de.nachtbrief.llm.local.TinyGguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code local} backend as runs get it from the registry: chosen by {@code auto} when
 * its model file is present and no remote backend has a key, answering structured
 * questions through the same retrying, metered path as the remote ones, and refusing at
 * once, with the command that fixes it, when its model file is missing.
 */
class LocalBackendTests {

	private static final String MODEL_FILE = "qwen2.5-1.5b-instruct-q4_k_m.gguf";

	/**
	 * The answer the preferring model gives for {@link Count}: the grammar forces the
	 * rest.
	 */
	private static final List<String> COUNT_ONE = List.of("{", "\"", "}", "1");

	@TempDir
	Path folder;

	private BackendRegistry registry;

	@AfterEach
	void closeRegistry() {
		if (this.registry != null) {
			this.registry.close();
		}
	}

	@Test
	void autoTakesTheLocalModelWhenItsFileIsPresentAndNoKeyIsSet() throws IOException {
		TinyGguf.preferring(COUNT_ONE).write(models().resolve(MODEL_FILE));

		BackendChoice choice = registry(new LoopbackBackends()).resolve("auto", null, null);

		assertThat(choice.name()).isEqualTo("local");
		assertThat(choice.reason()).contains("the model file " + models().resolve(MODEL_FILE) + " is present");
		Answer<Count> answer = choice.model().ask(new Prompt("Zähle.", "Ein Apfel."), Count.class);
		assertThat(answer.value()).isEqualTo(new Count(1));
		assertThat(answer.backend()).isEqualTo("local");
		assertThat(answer.model()).isEqualTo(MODEL_FILE);
		assertThat(answer.usage().inputTokens()).isGreaterThan(10);
		assertThat(answer.usage().outputTokens()).isGreaterThan(5);
		assertThat(answer.usage().cost()).isZero();
		assertThat(choice.model().maxConcurrency()).isEqualTo(1);
		assertThat(choice.model().contextWindow()).isEqualTo(2048);
		assertThat(choice.model().parameters()).as("the ledger tells a replaced file from the old one")
			.startsWith("temperature=0.2, file=" + Files.size(models().resolve(MODEL_FILE)) + " bytes of ");
	}

	@Test
	void autoStaysExtractiveWithoutAModelFile() {
		BackendChoice choice = registry(new LoopbackBackends()).resolve("auto", null, null);

		assertThat(choice.isExtractive()).isTrue();
		assertThat(choice.reason()).contains("no model file is in " + models());
	}

	@Test
	void theOnlyModelFileInTheFolderStandsInForAMissingConfiguredOne() throws IOException {
		TinyGguf.preferring(COUNT_ONE).write(models().resolve("mein-modell.gguf"));

		BackendChoice auto = registry(new LoopbackBackends()).resolve("auto", null, null);
		BackendChoice named = this.registry.resolve("local", null, null);

		assertThat(auto.name()).isEqualTo("local");
		assertThat(auto.modelName()).isEqualTo("mein-modell.gguf");
		assertThat(named.modelName()).isEqualTo("mein-modell.gguf");
		assertThat(named.model().ask(new Prompt("Zähle.", "Ein Apfel."), Count.class).value()).isEqualTo(new Count(1));
	}

	@Test
	void aMissingModelFileFailsAtOnceWithTheCommandThatFetchesIt() {
		BackendRegistry registry = registry(new LoopbackBackends());

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry.resolve("local", null, null))
			.withMessageContaining("no model file at " + models().resolve(MODEL_FILE).toAbsolutePath())
			.withMessageContaining(
					"download it with: java -jar target/nachtbrief.jar model pull qwen2.5-1.5b --models " + models());
		assertThat(registry.problem("local", registry.members("local").get("local")))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("no model file at"));
	}

	@Test
	void withSeveralModelFilesAMissingOneListsThem() throws IOException {
		TinyGguf.preferring(COUNT_ONE).write(models().resolve("a.gguf"));
		TinyGguf.preferring(COUNT_ONE).write(models().resolve("b.gguf"));
		BackendRegistry registry = registry(new LoopbackBackends());

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry.resolve("local", null, null))
			.withMessageContaining("Model files present: a.gguf, b.gguf; use one with --model FILE.");
		assertThat(registry.resolve("local", null, "b.gguf").modelName()).isEqualTo("b.gguf");
	}

	@Test
	void aDocumentTooLongForTheWindowIsReportedSoItCanBeSplit() throws IOException {
		TinyGguf.preferring(COUNT_ONE).write(models().resolve(MODEL_FILE));
		ModelBackend local = registry(new LoopbackBackends()).resolve("local", null, null).model();

		assertThatExceptionOfType(ContextTooLongException.class)
			.isThrownBy(() -> local.ask(new Prompt("Zähle.", "Apfel ".repeat(2_000)), Count.class))
			.withMessageContaining("prompt is too long");
	}

	@Test
	void aDamagedModelFileFailsTheRunAtOnce() throws IOException {
		byte[] whole = Files.readAllBytes(TinyGguf.preferring(COUNT_ONE).write(this.folder.resolve("whole.gguf")));
		Files.createDirectories(models());
		Files.write(models().resolve(MODEL_FILE), Arrays.copyOf(whole, whole.length / 3));

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry(new LoopbackBackends()).resolve("local", null, null))
			.withMessageContaining("is cut off")
			.withMessageContaining(
					"download it again with: java -jar target/nachtbrief.jar model pull qwen2.5-1.5b --models "
							+ models());
	}

	private Path models() {
		return this.folder.resolve("models");
	}

	private BackendRegistry registry(LoopbackBackends backends) {
		backends.set("models.folder", models().toString())
			.set("models.catalog[qwen2.5-1.5b].repo", "Qwen/Qwen2.5-1.5B-Instruct-GGUF")
			.set("models.catalog[qwen2.5-1.5b].file", MODEL_FILE)
			.set("backends.local.type", "local")
			.set("backends.local.model", MODEL_FILE)
			.set("backends.local.context-window", "2048")
			.set("backends.local.threads", "2");
		this.registry = backends.registry(RetryClock.SYSTEM);
		return this.registry;
	}

	record Count(int count) {
	}

}
