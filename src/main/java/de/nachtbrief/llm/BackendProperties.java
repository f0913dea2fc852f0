package de.nachtbrief.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model backends this deployment knows, from {@code nachtbrief.backends.<name>} in {@code application.yaml}. API
 * keys are never configured here, only the name of the environment variable that holds one.
 */
@ConfigurationProperties("nachtbrief")
public record BackendProperties(@DefaultValue Map<String, Backend> backends) {

	/** The kinds of backend a configuration entry can name. */
	public enum Type {

		/** Any endpoint speaking the OpenAI chat-completions protocol. */
		OPENAI,
		/** The native Ollama API. */
		OLLAMA

	}

	/** One configured backend. */
	public record Backend(Type type, String baseUrl, String model, String apiKeyEnv,
			@DefaultValue("32768") int contextWindow, @DefaultValue("4") int maxConcurrency,
			@DefaultValue("120s") Duration timeout, @DefaultValue("0.2") double temperature) {

		public Backend {
			if (type == null) {
				throw new IllegalArgumentException("type is required (openai or ollama)");
			}
			if (baseUrl == null || baseUrl.isBlank()) {
				throw new IllegalArgumentException("base-url is required");
			}
			if (model == null || model.isBlank()) {
				throw new IllegalArgumentException("model is required");
			}
			if (contextWindow < 1024) {
				throw new IllegalArgumentException("context-window must be at least 1024 tokens, was " + contextWindow);
			}
			if (maxConcurrency < 1) {
				throw new IllegalArgumentException("max-concurrency must be at least 1, was " + maxConcurrency);
			}
		}

		/** The API key from the environment or the secrets file, or null when neither has one. */
		public String apiKey() {
			return ApiKeys.lookup(this.apiKeyEnv);
		}

		public Backend with(String newBaseUrl, String newModel) {
			return new Backend(this.type, newBaseUrl != null ? newBaseUrl : this.baseUrl,
					newModel != null ? newModel : this.model, this.apiKeyEnv, this.contextWindow, this.maxConcurrency,
					this.timeout, this.temperature);
		}

		String describe() {
			return this.type.name().toLowerCase(Locale.ROOT) + " " + this.model + " at " + this.baseUrl;
		}

	}

}
