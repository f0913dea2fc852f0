package de.nachtbrief.llm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
		@DefaultValue("5m") Duration failoverCoolDown, @DefaultValue("USD") String currency,
		@DefaultValue Models models) {

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
		OLLAMA,
		/** A GGUF model file run by llama.cpp inside this JVM. */
		LOCAL

	}

	/**
	 * Where the local backends' model files live ({@code nachtbrief.models.folder}), and
	 * what {@code nachtbrief model pull} can download: the {@code catalog}, in order of
	 * recommendation, from {@code hub} (Hugging Face, or a mirror of it).
	 */
	public record Models(@DefaultValue("models") Path folder, @DefaultValue("https://huggingface.co") String hub,
			@DefaultValue Map<String, CatalogEntry> catalog) {

		public Models {
			catalog = Collections.unmodifiableMap(new LinkedHashMap<>(catalog));
		}

		/**
		 * Where a local backend's {@code model} is: a path as given when it names a
		 * folder, else a file in the models folder.
		 */
		public Path file(String model) {
			Path given = Path.of(model);
			return given.getParent() != null ? given : this.folder.resolve(given);
		}

		/** The catalog's name for a model file, if it has one. */
		public Optional<String> catalogName(String fileName) {
			return this.catalog.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().file().equals(fileName))
				.map(Map.Entry::getKey)
				.findFirst();
		}

	}

	/**
	 * A model {@code nachtbrief model pull} can download: {@code file} from the
	 * {@code repo} on the hub, or from {@code url} when set; {@code sha256} and
	 * {@code size} check what arrived.
	 */
	public record CatalogEntry(String repo, String file, String url, String sha256, @DefaultValue("-1") long size,
			String description) {

		public CatalogEntry {
			if (file == null || file.isBlank() || file.contains("/") || file.contains("\\")) {
				throw new IllegalArgumentException("file must be a plain file name, was " + file);
			}
			if ((url == null || url.isBlank()) && (repo == null || repo.isBlank())) {
				throw new IllegalArgumentException("repo or url is required for " + file);
			}
			if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, was " + sha256);
			}
		}

		/** Where to download the file from. */
		public URI url(String hub) {
			if (this.url != null && !this.url.isBlank()) {
				return URI.create(this.url);
			}
			return URI.create(hub.replaceAll("/+$", "") + "/" + this.repo + "/resolve/main/" + this.file);
		}

	}

	/**
	 * One configured backend. {@code timeout} is the read timeout of one HTTP call;
	 * {@code maxAttempts}, {@code initialBackoff}, {@code maxBackoff} and
	 * {@code callBudget} shape the retries of one model call. {@code inputPrice} and
	 * {@code outputPrice} are what a million prompt and answer tokens cost in the
	 * deployment's currency; 0, the default, means free or unknown.
	 * {@code cachedInputPrice} is what a million prompt tokens served from the provider's
	 * prompt cache cost; unset, they cost the input price. {@code requestsPerMinute} and
	 * {@code tokensPerMinute} (prompt tokens) cap what is sent; 0, the default, means no
	 * cap. {@code packDocuments} short documents, together up to {@code packTokens}
	 * source tokens, may share one call, a pack not yet full being sent {@code packWait}
	 * after its first document arrived (see {@link Packing}); 1, the default, sends each
	 * alone. A job in batch mode sends an {@code openai} backend its documents as one
	 * provider batch (see {@link ProviderBatch}), priced at {@code batchPriceFactor} of
	 * the direct prices, asking how it is doing every {@code batchPollInterval}, and
	 * waiting up to {@code batchWait} before asking what is left directly.
	 *
	 * <p>
	 * A {@code local} backend has no base URL: its {@code model} is a GGUF file in the
	 * models folder (or a path), {@code context-window} is the context llama.cpp
	 * allocates, {@code threads} the CPU threads it uses (0: one per core), and
	 * {@code timeout} the longest one answer may take. Its calls run one at a time, so
	 * its {@code max-concurrency} is always 1.
	 */
	public record Backend(Type type, String baseUrl, String model, String apiKeyEnv,
			@DefaultValue("32768") int contextWindow, @DefaultValue("4") int maxConcurrency,
			@DefaultValue("120s") Duration timeout, @DefaultValue("0.2") double temperature,
			@DefaultValue("30") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
			@DefaultValue("60s") Duration maxBackoff, @DefaultValue("10m") Duration callBudget,
			@DefaultValue("0") double inputPrice, @DefaultValue("0") double outputPrice, @DefaultValue("0") int threads,
			Double cachedInputPrice, @DefaultValue("0") long requestsPerMinute, @DefaultValue("0") long tokensPerMinute,
			@DefaultValue("1") int packDocuments, @DefaultValue("4000") int packTokens,
			@DefaultValue("100ms") Duration packWait, @DefaultValue("0.5") double batchPriceFactor,
			@DefaultValue("30s") Duration batchPollInterval, @DefaultValue("24h") Duration batchWait) {

		public Backend {
			if (type == null) {
				throw new IllegalArgumentException("type is required (openai, ollama or local)");
			}
			if (type != Type.LOCAL && (baseUrl == null || baseUrl.isBlank())) {
				throw new IllegalArgumentException("base-url is required");
			}
			if (type == Type.LOCAL) {
				// One model instance answers one call at a time; more workers would only
				// wait for it.
				maxConcurrency = 1;
			}
			if (threads < 0) {
				throw new IllegalArgumentException("threads must be 0 (one per core) or more, was " + threads);
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
			if (requestsPerMinute < 0) {
				throw new IllegalArgumentException(
						"requests-per-minute must be 0 (no limit) or more, was " + requestsPerMinute);
			}
			if (tokensPerMinute < 0) {
				throw new IllegalArgumentException(
						"tokens-per-minute must be 0 (no limit) or more, was " + tokensPerMinute);
			}
			new Packing(packDocuments, packTokens, packWait);
			if (!(batchPriceFactor >= 0 && batchPriceFactor <= 1)) {
				throw new IllegalArgumentException(
						"batch-price-factor must be between 0 and 1 (OpenAI: 0.5), was " + batchPriceFactor);
			}
			if (batchPollInterval == null || batchPollInterval.isNegative() || batchPollInterval.isZero()) {
				throw new IllegalArgumentException("batch-poll-interval must be positive, was " + batchPollInterval);
			}
			if (batchWait == null || batchWait.isNegative()) {
				throw new IllegalArgumentException("batch-wait must not be negative, was " + batchWait);
			}
			if (cachedInputPrice == null) {
				cachedInputPrice = inputPrice;
			}
			if (!(cachedInputPrice >= 0) || Double.isInfinite(cachedInputPrice)) {
				throw new IllegalArgumentException("cached-input-price must be zero or more, was " + cachedInputPrice);
			}
		}

		/** What the given tokens cost at this backend's prices per million tokens. */
		public double cost(long inputTokens, long outputTokens) {
			return cost(inputTokens, 0, outputTokens);
		}

		/**
		 * What the given tokens cost, {@code cachedInputTokens} of the input tokens at
		 * the cached-input price.
		 */
		public double cost(long inputTokens, long cachedInputTokens, long outputTokens) {
			return ((inputTokens - cachedInputTokens) * this.inputPrice + cachedInputTokens * this.cachedInputPrice
					+ outputTokens * this.outputPrice) / 1_000_000;
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
					this.callBudget, this.inputPrice, this.outputPrice, this.threads, this.cachedInputPrice,
					this.requestsPerMinute, this.tokensPerMinute, this.packDocuments, this.packTokens, this.packWait,
					this.batchPriceFactor, this.batchPollInterval, this.batchWait);
		}

		/** How many short documents one call briefs together; one, by default. */
		public Packing packing() {
			return new Packing(this.packDocuments, this.packTokens, this.packWait);
		}

		public boolean isLocal() {
			return this.type == Type.LOCAL;
		}

		String describe() {
			return this.type.name().toLowerCase(Locale.ROOT) + " " + this.model
					+ (isLocal() ? "" : " at " + this.baseUrl);
		}

	}

}
