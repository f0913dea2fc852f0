package de.nachtbrief.llm;

/**
 * Tokens and calls spent on a model and what they cost in the deployment's currency; adds
 * up across calls. {@code cachedInputTokens} are the part of {@code inputTokens} the
 * provider served from its prompt cache, at its cheaper cached-input price.
 */
public record Usage(long inputTokens, long outputTokens, int calls, double cost, long cachedInputTokens) {

	public static final Usage NONE = new Usage(0, 0, 0, 0);

	/** Usage without cached input. */
	public Usage(long inputTokens, long outputTokens, int calls, double cost) {
		this(inputTokens, outputTokens, calls, cost, 0);
	}

	/** Usage of a backend without prices. */
	public Usage(long inputTokens, long outputTokens, int calls) {
		this(inputTokens, outputTokens, calls, 0);
	}

	public Usage plus(Usage other) {
		return new Usage(this.inputTokens + other.inputTokens, this.outputTokens + other.outputTokens,
				this.calls + other.calls, this.cost + other.cost, this.cachedInputTokens + other.cachedInputTokens);
	}

	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
