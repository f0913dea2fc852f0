package de.nachtbrief.llm;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Turns a backend name (configured, {@code auto} or {@code extractive}) into a ready backend. {@code auto} takes the
 * first configured backend whose API-key variable is set, else the built-in extractive summarizer.
 */
public class BackendRegistry {

	public static final String AUTO = "auto";

	private final BackendProperties properties;

	private final RetryClock clock;

	private final DoubleSupplier jitter;

	private final Map<String, BackendChoice> checked = new ConcurrentHashMap<>();

	public BackendRegistry(BackendProperties properties) {
		this(properties, RetryClock.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
	}

	/** @param jitter numbers in [0, 1) that spread retry waits; tests fix them to assert exact waits */
	public BackendRegistry(BackendProperties properties, RetryClock clock, DoubleSupplier jitter) {
		this.properties = properties;
		this.clock = clock;
		this.jitter = jitter;
	}

	/**
	 * Resolves a backend and checks once that it answers.
	 * @param baseUrl overrides the configured base URL when not null
	 * @param model overrides the configured model when not null
	 */
	public BackendChoice resolve(String requested, String baseUrl, String model) {
		String name = requested == null || requested.isBlank() ? AUTO : requested.strip();
		return this.checked.computeIfAbsent(name + "|" + baseUrl + "|" + model, (key) -> choose(name, baseUrl, model));
	}

	private BackendChoice choose(String name, String baseUrl, String model) {
		if (name.equals(BackendChoice.EXTRACTIVE)) {
			return new BackendChoice(name, null, "asked for by name");
		}
		if (name.equals(AUTO)) {
			return auto(baseUrl, model);
		}
		BackendProperties.Backend config = configured(name).with(baseUrl, model);
		Preflight.check(name, config);
		return new BackendChoice(name, backend(name, config), "asked for by name");
	}

	private BackendChoice auto(String baseUrl, String model) {
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
		BackendProperties.Backend config = withKey.get().getValue().with(baseUrl, model);
		Preflight.check(chosen, config);
		return new BackendChoice(chosen, backend(chosen, config), "auto: " + config.apiKeyEnv() + " is set");
	}

	private BackendProperties.Backend configured(String name) {
		BackendProperties.Backend config = this.properties.backends().get(name);
		if (config == null) {
			throw new BackendUnavailableException("no backend named '" + name + "'; configured are "
					+ this.properties.backends().keySet() + ", plus 'auto' and 'extractive'", null);
		}
		return config;
	}

	private ModelBackend backend(String name, BackendProperties.Backend config) {
		return new ChatModelBackend(name, config, ChatModels.of(config),
				new RetryingCaller(name, config, this.clock, this.jitter));
	}

}
