package de.nachtbrief.text;

import java.util.Objects;

/**
 * One piece of a longer text, made of whole sentences, as sent to a model in one request.
 *
 * @param index position of the chunk in its text, starting at 0
 * @param text the chunk's text
 * @param tokens the number of tokens in {@code text} as counted by {@link TokenCounter}
 */
public record Chunk(int index, String text, int tokens) {

	public Chunk {
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative, was " + index);
		}
		Objects.requireNonNull(text, "text");
		if (text.isBlank()) {
			throw new IllegalArgumentException("text must not be blank");
		}
		if (tokens < 1) {
			throw new IllegalArgumentException("tokens must be at least 1, was " + tokens);
		}
	}

}
