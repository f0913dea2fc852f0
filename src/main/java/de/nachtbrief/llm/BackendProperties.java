package de.nachtbrief.llm;

import java.time.Duration;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The model backends this deployment knows, from {@code nachtbrief.backends.<name>} in
 * {@code application.yaml}, how long a failover chain avoids a backend that stayed down
 * ({@code nachtbrief.failover-cool-down}), and the currency of the backends' prices
 * ({@code nachtbrief.currency}, one per deployment, so costs add up). API keys are never
 * configured here, only the name of the environment variable that holds one.
 */
@ConfigurationProperties("nachtbrief")
public record BackendProperties(@DefaultValue Map<String, Backend> backends,
		@DefaultValue("5m") Duration failoverCoolDown, @DefaultValue("USD") String currency) {

	public BackendProperties {
		if (failoverCoolDown == null || failoverCoolDown.isNegative()) {
			throw new IllegalArgumentException("failover-cool-down must not be negative, was " + failoverCoolDown);
		}
		try {
			currency = Currency.getInstance(currency).getCurrencyCode();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD, was " + currency);
		}
		// Kept in configuration order: 'auto' takes the first backend with a key.
		backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
	}

	/** The kinds of backend a configuration entry can name. */
	public enum Type {

		/** Any endpoint speaking the OpenAI chat-completions protocol. */
		OPENAI,
		/** The native Ollama API. */
		OLLAMA

	}

	/**
	 * One configured backend. {@code timeout} is the read timeout of one HTTP call;
	 * {@code maxAttempts}, {@code initialBackoff}, {@code maxBackoff} and
	 * {@code callBudget} shape the retries of one model call. {@code inputPrice} and
	 * {@code outputPrice} are what a million prompt and answer tokens cost in the
	 * deployment's currency; 0, the default, means free or unknown.
	 */
	public record Backend(Type type, String baseUrl, String model, String apiKeyEnv,
			@DefaultValue("32768") int contextWindow, @DefaultValue("4") int maxConcurrency,
			@DefaultValue("120s") Duration timeout, @DefaultValue("0.2") double temperature,
			@DefaultValue("5") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
			@DefaultValue("60s") Duration maxBackoff, @DefaultValue("10m") Duration callBudget,
			@DefaultValue("0") double inputPrice, @DefaultValue("0") double outputPrice) {

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
			if (timeout == null || timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, callBudget);
			if (!(inputPrice >= 0) || Double.isInfinite(inputPrice)) {
				throw new IllegalArgumentException("input-price must be zero or more, was " + inputPrice);
			}
			if (!(outputPrice >= 0) || Double.isInfinite(outputPrice)) {
				throw new IllegalArgumentException("output-price must be zero or more, was " + outputPrice);
			}
		}

		/** What the given tokens cost at this backend's prices per million tokens. */
		public double cost(long inputTokens, long outputTokens) {
			return (inputTokens * this.inputPrice + outputTokens * this.outputPrice) / 1_000_000;
		}

		/**
		 * The API key from the environment or the secrets file, or null when neither has
		 * one.
		 */
		public String apiKey() {
			return ApiKeys.lookup(this.apiKeyEnv);
		}

		public RetryPolicy retryPolicy() {
			return new RetryPolicy(this.maxAttempts, this.initialBackoff, this.maxBackoff, this.callBudget);
		}

		public Backend with(String newBaseUrl, String newModel) {
			return new Backend(this.type, newBaseUrl != null ? newBaseUrl : this.baseUrl,
					newModel != null ? newModel : this.model, this.apiKeyEnv, this.contextWindow, this.maxConcurrency,
					this.timeout, this.temperature, this.maxAttempts, this.initialBackoff, this.maxBackoff,
					this.callBudget, this.inputPrice, this.outputPrice);
		}

		String describe() {
			return this.type.name().toLowerCase(Locale.ROOT) + " " + this.model + " at " + this.baseUrl;
		}

	}

}
