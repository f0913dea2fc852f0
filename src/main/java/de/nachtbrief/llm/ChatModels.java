package de.nachtbrief.llm;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Builds the LangChain4j client for a configured backend. The providers' own retries are
 * off, since {@link RetryingCaller} is the one retry layer, and every client sends
 * through {@link RetryAfterHttpClient}.
 */
final class ChatModels {

	/** A key that keeps the OpenAI client quiet for local servers that take none. */
	private static final String NO_KEY = "none";

	private ChatModels() {
	}

	static ChatModel of(BackendProperties.Backend config) {
		return switch (config.type()) {
			case OPENAI -> openAi(config, RetryAfterHttpClient.builder());
			case OLLAMA -> OllamaChatModel.builder()
				.httpClientBuilder(RetryAfterHttpClient.builder())
				.baseUrl(config.baseUrl())
				.modelName(config.model())
				.temperature(config.temperature())
				.timeout(config.timeout())
				.maxRetries(0)
				// Ollama silently cuts prompts at 2,048 tokens unless num_ctx says
				// otherwise.
				.numCtx(config.contextWindow())
				.build();
			// Shared and counted by LocalModels, since loading one takes seconds and
			// gigabytes.
			case LOCAL -> throw new IllegalArgumentException("local models are opened through LocalModels");
		};
	}

	/** The OpenAI-protocol client for a backend, sending through {@code transport}. */
	static ChatModel openAi(BackendProperties.Backend config, HttpClientBuilder transport) {
		return OpenAiChatModel.builder()
			.httpClientBuilder(transport)
			.baseUrl(config.baseUrl())
			.apiKey(config.apiKey() != null ? config.apiKey() : NO_KEY)
			.modelName(config.model())
			.temperature(config.temperature())
			.timeout(config.timeout())
			.maxRetries(0)
			.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
			.strictJsonSchema(true)
			.build();
	}

}
