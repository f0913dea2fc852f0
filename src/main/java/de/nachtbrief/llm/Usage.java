package de.nachtbrief.llm;

/** Tokens and calls spent on a model; adds up across calls. */
public record Usage(long inputTokens, long outputTokens, int calls) {

	public static final Usage NONE = new Usage(0, 0, 0);

	public Usage plus(Usage other) {
		return new Usage(this.inputTokens + other.inputTokens, this.outputTokens + other.outputTokens,
				this.calls + other.calls);
	}

	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
