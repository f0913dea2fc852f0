package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failover chain: backends in order of preference, written
 * {@code deepseek > qwen > ollama} (see {@link BackendRegistry#CHAIN_SEPARATORS}). A call
 * goes to the first backend that is not cooling down; when that one stays down past its
 * retries ({@link BackendExhaustedException}) or cannot serve at all
 * ({@link BackendUnavailableException}), the next one takes the call, and the failed one
 * is passed over for a cool-down before it is tried first again. Bad answers and
 * over-long prompts are not the backend's fault and fail over to nothing. The window and
 * concurrency are the smallest of the members, so any member can take any call.
 */
public final class FailoverBackend implements ModelBackend {

	/** How a chain's members are joined in its name. */
	public static final String SEPARATOR = " > ";

	private static final Logger log = LoggerFactory.getLogger(FailoverBackend.class);

	private final List<ModelBackend> members;

	private final Duration coolDown;

	private final RetryClock clock;

	private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();

	public FailoverBackend(List<ModelBackend> members, Duration coolDown, RetryClock clock) {
		if (members == null || members.isEmpty()) {
			throw new IllegalArgumentException("members must name at least one backend");
		}
		if (members.stream().map(ModelBackend::name).distinct().count() != members.size()) {
			throw new IllegalArgumentException("members must not name a backend twice: " + names(members));
		}
		this.members = List.copyOf(members);
		this.coolDown = coolDown;
		this.clock = clock;
	}

	public List<ModelBackend> members() {
		return this.members;
	}

	@Override
	public String name() {
		return names(this.members);
	}

	@Override
	public String model() {
		return this.members.stream().map(ModelBackend::model).collect(Collectors.joining(SEPARATOR));
	}

	@Override
	public int contextWindow() {
		return this.members.stream().mapToInt(ModelBackend::contextWindow).min().orElseThrow();
	}

	@Override
	public String parameters() {
		return this.members.stream()
			.map(ModelBackend::parameters)
			.collect(java.util.stream.Collectors.joining(SEPARATOR));
	}

	@Override
	public double price(long inputTokens, long outputTokens) {
		return this.members.get(0).price(inputTokens, outputTokens);
	}

	@Override
	public int maxConcurrency() {
		return this.members.stream().mapToInt(ModelBackend::maxConcurrency).min().orElseThrow();
	}

	/**
	 * The first member's: a batch goes to it, and what it leaves unanswered goes through
	 * the chain as direct calls.
	 */
	@Override
	public Optional<ProviderBatch> batch() {
		return this.members.get(0).batch();
	}

	/** The first member's: a pack is written for it, and goes whole to the next. */
	@Override
	public Packing packing() {
		return this.members.get(0).packing();
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
		List<ModelBackend> candidates = candidates();
		RuntimeException last = null;
		for (int i = 0; i < candidates.size(); i++) {
			ModelBackend member = candidates.get(i);
			try {
				Answer<T> answer = member.ask(prompt, format);
				this.downUntil.remove(member.name());
				return answer;
			}
			catch (BackendExhaustedException | BackendUnavailableException ex) {
				this.downUntil.put(member.name(), this.clock.now().plus(this.coolDown));
				String next = i + 1 < candidates.size() ? "'" + candidates.get(i + 1).name() + "' takes over"
						: "no backend of the chain is left for this call";
				log.warn("Backend '{}' is down ({}); {}, and it is passed over for {}", member.name(), ex.getMessage(),
						next, this.coolDown);
				last = ex;
			}
		}
		throw last;
	}

	/**
	 * The members not cooling down, in order; all of them when every one is cooling down.
	 */
	private List<ModelBackend> candidates() {
		Instant now = this.clock.now();
		List<ModelBackend> up = new ArrayList<>();
		for (ModelBackend member : this.members) {
			Instant until = this.downUntil.get(member.name());
			if (until == null || !now.isBefore(until)) {
				up.add(member);
			}
		}
		return up.isEmpty() ? this.members : up;
	}

	private static String names(List<ModelBackend> members) {
		return members.stream().map(ModelBackend::name).collect(Collectors.joining(SEPARATOR));
	}

}
