package de.nachtbrief.llm;

import java.util.Objects;

/** The two messages of one model call: instructions in {@code system}, data in {@code user}. */
public record Prompt(String system, String user) {

	public Prompt {
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(user, "user");
	}

}
