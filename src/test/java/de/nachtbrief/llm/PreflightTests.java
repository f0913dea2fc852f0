package de.nachtbrief.llm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The check before a run against a loopback server: a model name the backend does not
 * list stops the run with the names it offers; a backend that lists nothing, or has no
 * listing at all, is taken at its word.
 */
class PreflightTests {

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void unknownModelNameStopsThePreflightNamingTheModelsOnOffer() {
		this.server.models("gpt-a", "gpt-b");

		BackendUnavailableException refused = catchThrowableOfType(BackendUnavailableException.class,
				() -> openAi("no-such-model"));

		assertThat(refused).isNotNull();
		assertThat(refused.getMessage()).contains("'loop'")
			.contains("'no-such-model'")
			.contains(this.server.openAiBaseUrl())
			.contains("gpt-a, gpt-b")
			.doesNotContain("\n");
		assertThat(this.server.chatCalls()).isZero();
	}

	@Test
	void listedModelPassesThePreflight() {
		this.server.models("gpt-a", "gpt-b");

		assertThat(openAi("gpt-b").model()).isEqualTo("gpt-b");
	}

	@Test
	void emptyModelListStaysAllowed() {
		this.server.models();

		assertThat(openAi("anything").model()).isEqualTo("anything");
	}

	@Test
	void missingModelListStaysAllowed() {
		// This server answers 404 to GET /elsewhere/v1/models.
		ModelBackend backend = new LoopbackBackends().set("backends.loop.type", "openai")
			.set("backends.loop.base-url", this.server.ollamaBaseUrl() + "/elsewhere/v1")
			.set("backends.loop.model", "anything")
			.registry(new RecordingClock())
			.resolve("loop", null, null)
			.model();

		assertThat(backend.model()).isEqualTo("anything");
		assertThat(this.server.requests()).extracting(LoopbackLlmServer.RecordedRequest::path)
			.containsExactly("/elsewhere/v1/models");
	}

	@Test
	void unknownOllamaModelStopsThePreflightNamingTheModelsOnOffer() {
		this.server.models("qwen3:8b", "gemma3");

		BackendUnavailableException refused = catchThrowableOfType(BackendUnavailableException.class,
				() -> ollama("llama3"));

		assertThat(refused).isNotNull();
		assertThat(refused.getMessage()).contains("'llama3'").contains("qwen3:8b, gemma3:latest");
	}

	@Test
	void ollamaModelWithoutTagIsTheLatestOne() {
		this.server.models("qwen3:8b", "gemma3");

		assertThat(ollama("gemma3").model()).isEqualTo("gemma3");
		assertThat(ollama("qwen3:8b").model()).isEqualTo("qwen3:8b");
	}

	@Test
	void llamaCppServerThatAnswersUnderAnyNameStaysAllowed() {
		// llama-server lists the file it loaded and answers with it whatever model is
		// named.
		String body = "{\"object\":\"list\",\"data\":[{\"id\":\"qwen2.5-7b-instruct-q4_k_m.gguf\","
				+ "\"object\":\"model\",\"created\":1735689600,\"owned_by\":\"llamacpp\"}]}";

		assertThat(
				ModelListing.parse(BackendProperties.Type.OPENAI, body).offers(BackendProperties.Type.OPENAI, "local"))
			.isTrue();
	}

	@Test
	void longListIsShortenedInTheMessage() {
		String[] many = java.util.stream.IntStream.range(0, 25).mapToObj((i) -> "model-" + i).toArray(String[]::new);
		this.server.models(many);

		BackendUnavailableException refused = catchThrowableOfType(BackendUnavailableException.class,
				() -> openAi("model-x"));

		assertThat(refused.getMessage()).contains("model-0, model-1")
			.contains("model-19 and 5 more")
			.doesNotContain("model-20");
	}

	private ModelBackend openAi(String model) {
		return new LoopbackBackends().openAi("loop", this.server, model)
			.registry(new RecordingClock())
			.resolve("loop", null, null)
			.model();
	}

	private ModelBackend ollama(String model) {
		return new LoopbackBackends().ollama("loop", this.server, model)
			.registry(new RecordingClock())
			.resolve("loop", null, null)
			.model();
	}

}
