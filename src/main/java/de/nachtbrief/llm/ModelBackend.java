package de.nachtbrief.llm;

import java.util.Optional;

/** A language model that answers a prompt with JSON in a given {@link AnswerFormat}. */
public interface ModelBackend {

	/**
	 * The configured name, e.g. {@code openai} or {@code deepseek}; for a failover chain
	 * {@code deepseek > qwen}.
	 */
	String name();

	/**
	 * The model name, or for a failover chain its members' models joined with
	 * {@code " > "}.
	 */
	String model();

	/** Tokens the model can take in one call, prompt and answer together. */
	int contextWindow();

	/** How many calls may be in flight at once. */
	int maxConcurrency();

	/** The provider's batch API, when it has one (OpenAI-compatible backends). */
	default Optional<ProviderBatch> batch() {
		return java.util.Optional.empty();
	}

	/** How many short documents one call may brief together. */
	default Packing packing() {
		return Packing.ALONE;
	}

	/**
	 * The generation settings that shape an answer, e.g. {@code temperature=0.2}; part of
	 * a call's identity.
	 */
	default String parameters() {
		return "";
	}

	/**
	 * What a call of these many tokens would cost in the deployment's currency, at the
	 * configured prices (0 when unpriced); a failover chain prices as its first member.
	 */
	default double price(long inputTokens, long outputTokens) {
		return 0;
	}

	/**
	 * Asks for an answer in {@code format}, enforced with a JSON schema where the backend
	 * supports it.
	 * @throws BackendUnavailableException when the backend cannot serve any call
	 * (unreachable, key refused, no such model)
	 * @throws BackendExhaustedException when the backend stayed down past its retries (a
	 * {@link ModelAnswerException})
	 * @throws ContextTooLongException when the prompt does not fit the model's window (a
	 * {@link ModelAnswerException})
	 * @throws ModelAnswerException when this answer is unusable (not JSON or cut off,
	 * twice) or the call was refused
	 */
	<T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format);

	/** Asks for an answer shaped like the record type {@code answerType}. */
	default <T> Answer<T> ask(Prompt prompt, Class<T> answerType) {
		return ask(prompt, AnswerFormat.of(answerType));
	}

}
