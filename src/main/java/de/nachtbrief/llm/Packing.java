package de.nachtbrief.llm;

import java.time.Duration;

/**
 * How many short documents a backend is sent in one call: up to {@code documents} of
 * them, together up to {@code tokens} source tokens; a pack not yet full is sent
 * {@code maxWait} after its first document arrived. One document per call is no packing
 * at all. Packing shares the instructions and the schema among the documents of a call,
 * which otherwise cost as much as a short article itself.
 */
public record Packing(int documents, int tokens, Duration maxWait) {

	/** One document per call. */
	public static final Packing ALONE = new Packing(1, 0, Duration.ZERO);

	public Packing {
		if (documents < 1) {
			throw new IllegalArgumentException("pack-documents must be at least 1, was " + documents);
		}
		if (documents > 1 && tokens < 1) {
			throw new IllegalArgumentException("pack-tokens must be positive, was " + tokens);
		}
		if (maxWait == null || maxWait.isNegative()) {
			throw new IllegalArgumentException("pack-wait must not be negative, was " + maxWait);
		}
	}

	public boolean packs() {
		return this.documents > 1;
	}

	/**
	 * Whether a source of this many tokens is short enough to share a call: at most half
	 * a pack, so that a pack holds at least two.
	 */
	public boolean fits(long sourceTokens) {
		return packs() && sourceTokens <= this.tokens / 2;
	}

}
