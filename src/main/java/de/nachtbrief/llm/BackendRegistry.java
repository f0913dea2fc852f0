package de.nachtbrief.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.llm.local.LocalChatModel;

/**
 * Turns a backend name (configured, {@code auto}, {@code extractive}, or a failover chain
 * of configured names) into a ready backend. {@code auto} takes the first configured
 * backend whose API-key variable is set, else the first local backend whose model file is
 * present, else the built-in extractive summarizer. A chain names configured backends in
 * order of preference, separated by {@code >} (as in {@code deepseek > qwen > ollama};
 * quote it on a command line) or {@code ,} (needs no quoting); see
 * {@link FailoverBackend}.
 */
public class BackendRegistry implements AutoCloseable {

	public static final String AUTO = "auto";

	/** The characters that separate the members of a failover chain. */
	public static final String CHAIN_SEPARATORS = ">,";

	private static final Logger log = LoggerFactory.getLogger(BackendRegistry.class);

	private final BackendProperties properties;

	private final MeterRegistry meters;

	private final RetryClock clock;

	private final DoubleSupplier jitter;

	private final RateBuckets rateBuckets;

	private final Map<String, BackendChoice> checked = new ConcurrentHashMap<>();

	private final LocalModelFiles localFiles;

	/** The local models this registry opened, closed with it. */
	private final List<LocalChatModel> opened = new CopyOnWriteArrayList<>();

	public BackendRegistry(BackendProperties properties, MeterRegistry meters) {
		this(properties, meters, RetryClock.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
	}

	/**
	 * @param meters where each backend's calls, latency, tokens and cost are counted
	 * @param jitter numbers in [0, 1) that spread retry waits; tests fix them to assert
	 * exact waits
	 */
	public BackendRegistry(BackendProperties properties, MeterRegistry meters, RetryClock clock,
			DoubleSupplier jitter) {
		this(properties, meters, clock, jitter, RateBuckets.inProcess());
	}

	/**
	 * @param rateBuckets where the backends' per-minute limits are counted: in this
	 * process, or in the state database for every process that shares it
	 */
	public BackendRegistry(BackendProperties properties, MeterRegistry meters, RateBuckets rateBuckets) {
		this(properties, meters, RetryClock.SYSTEM, () -> ThreadLocalRandom.current().nextDouble(), rateBuckets);
	}

	private BackendRegistry(BackendProperties properties, MeterRegistry meters, RetryClock clock, DoubleSupplier jitter,
			RateBuckets rateBuckets) {
		this.rateBuckets = rateBuckets;
		this.properties = properties;
		this.localFiles = new LocalModelFiles(properties.models());
		this.meters = meters;
		this.clock = clock;
		this.jitter = jitter;
	}

	/**
	 * Resolves a backend or chain and checks once that it answers. A chain fails only
	 * when none of its backends is reachable; the unreachable ones are skipped with a
	 * warning.
	 * @param baseUrl overrides the configured base URL when not null (not allowed for a
	 * chain)
	 * @param model overrides the configured model when not null (not allowed for a chain)
	 */
	public BackendChoice resolve(String requested, String baseUrl, String model) {
		String name = requested == null || requested.isBlank() ? AUTO : requested.strip();
		return this.checked.computeIfAbsent(name + "|" + baseUrl + "|" + model, (key) -> choose(name, baseUrl, model));
	}

	/**
	 * The configured backends a role's setting names, without checking them: none for
	 * {@code extractive}, or for {@code auto} when it would choose {@code extractive}.
	 */
	public Map<String, BackendProperties.Backend> members(String requested) {
		String name = requested == null || requested.isBlank() ? AUTO : requested.strip();
		Map<String, BackendProperties.Backend> members = new LinkedHashMap<>();
		for (String member : name.split("[" + CHAIN_SEPARATORS + "]")) {
			String trimmed = member.strip();
			if (trimmed.equals(AUTO)) {
				firstWithKey().or(() -> firstLocalWithModel(null))
					.ifPresent((entry) -> members.put(entry.getKey(), entry.getValue()));
			}
			else if (this.properties.backends().containsKey(trimmed)) {
				members.put(trimmed, this.properties.backends().get(trimmed));
			}
		}
		return members;
	}

	/**
	 * Asks a backend the cheap question a run's preflight asks.
	 * @return why it cannot be used, or empty when it answers
	 */
	public Optional<String> problem(String name, BackendProperties.Backend backend) {
		try {
			preflight(name, this.localFiles.withModelPresent(backend));
			return Optional.empty();
		}
		catch (BackendUnavailableException ex) {
			return Optional.of(ApiKeys.redact(ex.getMessage()));
		}
	}

	/** Unloads the local models this registry loaded, unless others still use them. */
	@Override
	public void close() {
		this.opened.forEach(LocalChatModel::close);
		this.opened.clear();
	}

	private BackendChoice choose(String name, String baseUrl, String model) {
		List<String> chain = Arrays.stream(name.split("[" + CHAIN_SEPARATORS + "]", -1)).map(String::strip).toList();
		if (chain.size() > 1) {
			if (baseUrl != null || model != null) {
				throw new BackendUnavailableException(
						"a base URL or model override needs a single backend, not the chain '" + name + "'", null);
			}
			return chain(chain);
		}
		if (name.equals(BackendChoice.EXTRACTIVE)) {
			return new BackendChoice(name, null, "asked for by name");
		}
		if (name.equals(AUTO)) {
			return auto(baseUrl, model);
		}
		BackendProperties.Backend config = configured(name).with(baseUrl, model);
		if (model == null) {
			config = this.localFiles.withModelPresent(config);
		}
		preflight(name, config);
		return new BackendChoice(name, backend(name, config), "asked for by name");
	}

	private BackendChoice auto(String baseUrl, String model) {
		Optional<Map.Entry<String, BackendProperties.Backend>> withKey = firstWithKey();
		if (withKey.isPresent()) {
			String chosen = withKey.get().getKey();
			BackendProperties.Backend config = withKey.get().getValue().with(baseUrl, model);
			preflight(chosen, config);
			return new BackendChoice(chosen, backend(chosen, config), "auto: " + config.apiKeyEnv() + " is set");
		}
		String noKey = "no API-key variable of " + this.properties.backends()
			.values()
			.stream()
			.map(BackendProperties.Backend::apiKeyEnv)
			.filter((env) -> env != null)
			.distinct()
			.toList() + " is set";
		Optional<Map.Entry<String, BackendProperties.Backend>> local = firstLocalWithModel(model);
		if (local.isPresent()) {
			String chosen = local.get().getKey();
			BackendProperties.Backend config = model != null ? local.get().getValue().with(null, model)
					: this.localFiles.withModelPresent(local.get().getValue());
			preflight(chosen, config);
			return new BackendChoice(chosen, backend(chosen, config), "auto: " + noKey + "; the model file "
					+ this.properties.models().file(config.model()) + " is present");
		}
		return new BackendChoice(BackendChoice.EXTRACTIVE, null, "auto: no remote backend is configured (" + noKey
				+ ") and no model file is in " + this.properties.models().folder());
	}

	/**
	 * The first local backend whose model file (the given one, or its own or a stand-in
	 * for it) is present.
	 */
	private Optional<Map.Entry<String, BackendProperties.Backend>> firstLocalWithModel(String model) {
		return this.properties.backends()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().isLocal())
			.filter((entry) -> Files.isRegularFile(this.properties.models()
				.file(model != null ? model : this.localFiles.withModelPresent(entry.getValue()).model())))
			.findFirst();
	}

	/**
	 * The model file a local backend uses: its own, or the only GGUF file in the models
	 * folder standing in for it.
	 */
	public Path modelFile(BackendProperties.Backend local) {
		return this.localFiles.file(this.localFiles.withModelPresent(local));
	}

	/** The GGUF files in the models folder, by name. */
	public List<Path> modelFilesPresent() {
		return this.localFiles.present();
	}

	/**
	 * The cheap check before a run: a remote backend is asked for its models; a local
	 * one's model file must be there and look like a GGUF file.
	 */
	private void preflight(String name, BackendProperties.Backend config) {
		if (config.isLocal()) {
			this.localFiles.check(name, config);
		}
		else {
			Preflight.check(name, config);
		}
	}

	/** What {@code auto} takes first: the first configured backend whose key is set. */
	private Optional<Map.Entry<String, BackendProperties.Backend>> firstWithKey() {
		return this.properties.backends()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().apiKey() != null)
			.findFirst();
	}

	private BackendChoice chain(List<String> names) {
		String chainName = String.join(FailoverBackend.SEPARATOR, names);
		Map<String, BackendProperties.Backend> configs = new LinkedHashMap<>();
		for (String name : names) {
			if (name.isEmpty() || name.equals(AUTO) || name.equals(BackendChoice.EXTRACTIVE)) {
				throw new BackendUnavailableException(
						"the chain '" + chainName + "' may only name configured backends, not '" + name + "'", null);
			}
			if (configs.put(name, configured(name)) != null) {
				throw new BackendUnavailableException("the chain '" + chainName + "' names '" + name + "' twice", null);
			}
		}
		List<ModelBackend> reachable = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		for (Map.Entry<String, BackendProperties.Backend> member : configs.entrySet()) {
			String name = member.getKey();
			BackendProperties.Backend config = this.localFiles.withModelPresent(member.getValue());
			try {
				preflight(name, config);
				reachable.add(backend(name, config));
			}
			catch (BackendUnavailableException ex) {
				log.warn("Skipping backend '{}' of chain '{}': {}", name, chainName, ex.getMessage());
				skipped.add(ex.getMessage());
			}
		}
		if (reachable.isEmpty()) {
			throw new BackendUnavailableException(
					"no backend of the chain '" + chainName + "' is reachable: " + String.join("; ", skipped), null);
		}
		ModelBackend model = reachable.size() == 1 ? reachable.get(0)
				: new FailoverBackend(reachable, this.properties.failoverCoolDown(), this.clock);
		String reason = "failover chain '" + chainName + "'"
				+ (skipped.isEmpty() ? "" : "; skipped at preflight: " + String.join("; ", skipped));
		return new BackendChoice(model.name(), model, reason);
	}

	private BackendProperties.Backend configured(String name) {
		BackendProperties.Backend config = this.properties.backends().get(name);
		if (config == null) {
			throw new BackendUnavailableException("no backend named '" + name + "'; configured are "
					+ this.properties.backends().keySet() + ", plus 'auto' and 'extractive'", null);
		}
		return config;
	}

	/**
	 * Meters each real backend, under a failover chain and the ledger, so every call is
	 * counted under the member that took it and replayed answers are not counted as
	 * calls.
	 */
	private ModelBackend backend(String name, BackendProperties.Backend config) {
		return new MeteredBackend(
				new ChatModelBackend(name, config, chatModel(name, config),
						new RetryingCaller(name, config, this.clock, this.jitter, this.rateBuckets)),
				this.meters, this.properties.currency());
	}

	private ChatModel chatModel(String name, BackendProperties.Backend config) {
		if (!config.isLocal()) {
			return ChatModels.of(config);
		}
		LocalChatModel local = this.localFiles.open(name, config);
		this.opened.add(local);
		return local;
	}

}
