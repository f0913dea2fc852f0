package de.nachtbrief.llm;

import java.util.Objects;

/**
 * A parsed structured answer, what it cost, and which backend and model actually gave it.
 */
public record Answer<T>(T value, Usage usage, String backend, String model) {

	public Answer {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(usage, "usage");
		Objects.requireNonNull(backend, "backend");
		Objects.requireNonNull(model, "model");
	}

}
