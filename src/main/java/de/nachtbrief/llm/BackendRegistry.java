package de.nachtbrief.llm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

/**
 * Turns a backend name (configured, {@code auto} or {@code extractive}) into a ready backend. {@code auto} takes the
 * first configured backend whose API-key variable is set, else the built-in extractive summarizer.
 */
public class BackendRegistry {

	public static final String AUTO = "auto";

	/** A key that keeps the OpenAI client quiet for local servers that take none. */
	private static final String NO_KEY = "none";

	private final BackendProperties properties;

	private final Map<String, BackendChoice> checked = new ConcurrentHashMap<>();

	public BackendRegistry(BackendProperties properties) {
		this.properties = properties;
	}

	/**
	 * Resolves a backend and checks once that it answers.
	 * @param baseUrl overrides the configured base URL when not null
	 * @param model overrides the configured model when not null
	 */
	public BackendChoice resolve(String requested, String baseUrl, String model) {
		String name = requested == null || requested.isBlank() ? AUTO : requested.trim();
		return this.checked.computeIfAbsent(name + "|" + baseUrl + "|" + model, (key) -> choose(name, baseUrl, model));
	}

	private BackendChoice choose(String name, String baseUrl, String model) {
		if (name.equals(BackendChoice.EXTRACTIVE)) {
			return new BackendChoice(name, null, "asked for by name");
		}
		if (name.equals(AUTO)) {
			Optional<Map.Entry<String, BackendProperties.Backend>> withKey = this.properties.backends()
				.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().apiKey() != null)
				.findFirst();
			if (withKey.isEmpty()) {
				return new BackendChoice(BackendChoice.EXTRACTIVE, null,
						"auto: no remote backend is configured (no API-key variable of " + this.properties.backends()
							.values()
							.stream()
							.map(BackendProperties.Backend::apiKeyEnv)
							.filter((env) -> env != null)
							.distinct()
							.toList() + " is set)");
			}
			String chosen = withKey.get().getKey();
			return build(chosen, withKey.get().getValue().with(baseUrl, model),
					"auto: " + withKey.get().getValue().apiKeyEnv() + " is set");
		}
		BackendProperties.Backend config = this.properties.backends().get(name);
		if (config == null) {
			throw new BackendUnavailableException("no backend named '" + name + "'; configured are "
					+ this.properties.backends().keySet() + ", plus 'auto' and 'extractive'", null);
		}
		return build(name, config.with(baseUrl, model), "asked for by name");
	}

	private BackendChoice build(String name, BackendProperties.Backend config, String reason) {
		Preflight.check(name, config);
		return new BackendChoice(name, new ChatModelBackend(name, config, chatModel(config)), reason);
	}

	private static ChatModel chatModel(BackendProperties.Backend config) {
		return switch (config.type()) {
			case OPENAI -> OpenAiChatModel.builder()
				.baseUrl(config.baseUrl())
				.apiKey(config.apiKey() != null ? config.apiKey() : NO_KEY)
				.modelName(config.model())
				.temperature(config.temperature())
				.timeout(config.timeout())
				.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
				.strictJsonSchema(true)
				.build();
			case OLLAMA -> OllamaChatModel.builder()
				.baseUrl(config.baseUrl())
				.modelName(config.model())
				.temperature(config.temperature())
				.timeout(config.timeout())
				// Ollama silently cuts prompts at 2,048 tokens unless num_ctx says otherwise.
				.numCtx(config.contextWindow())
				.build();
		};
	}

}
