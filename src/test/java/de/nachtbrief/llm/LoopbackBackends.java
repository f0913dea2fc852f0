package de.nachtbrief.llm;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Backend configuration pointing at loopback servers, bound from flat keys the way the
 * application binds {@code application.yaml}, so the defaults under test are the real
 * ones.
 */
final class LoopbackBackends {

	/** Set by the Surefire configuration in {@code pom.xml}. */
	static final String KEY_VARIABLE = "NACHTBRIEF_TEST_API_KEY";

	private final Map<String, String> keys = new LinkedHashMap<>();

	private MeterRegistry meters = new SimpleMeterRegistry();

	/**
	 * Adds an OpenAI-protocol backend; {@code settings} are more key/value pairs, e.g.
	 * {@code max-attempts, 3}.
	 */
	LoopbackBackends openAi(String name, LoopbackLlmServer server, String model, String... settings) {
		return add(name, "openai", server.openAiBaseUrl(), model, settings);
	}

	LoopbackBackends ollama(String name, LoopbackLlmServer server, String model, String... settings) {
		return add(name, "ollama", server.ollamaBaseUrl(), model, settings);
	}

	/** Where the registry's backends count their calls. */
	LoopbackBackends meters(MeterRegistry registry) {
		this.meters = registry;
		return this;
	}

	LoopbackBackends set(String key, String value) {
		this.keys.put("nachtbrief." + key, value);
		return this;
	}

	BackendProperties properties() {
		return new Binder(new MapConfigurationPropertySource(this.keys)).bindOrCreate("nachtbrief",
				BackendProperties.class);
	}

	/** A registry on the given clock that always picks the middle of the jitter range. */
	BackendRegistry registry(RetryClock clock) {
		return new BackendRegistry(properties(), this.meters, clock, () -> 0.5);
	}

	private LoopbackBackends add(String name, String type, String baseUrl, String model, String... settings) {
		String prefix = "backends." + name + ".";
		set(prefix + "type", type);
		set(prefix + "base-url", baseUrl);
		set(prefix + "model", model);
		for (int i = 0; i + 1 < settings.length; i += 2) {
			set(prefix + settings[i], settings[i + 1]);
		}
		return this;
	}

}
