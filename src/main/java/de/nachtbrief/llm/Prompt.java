package de.nachtbrief.llm;

import java.util.Objects;

/**
 * The two messages of one model call: instructions in {@code system}, data in
 * {@code user}. {@code boundary} is the random marker fencing the data in this call (null
 * when there is none); it is left out of {@link #stableText()}, so the same request made
 * twice is recognised as the same.
 */
public record Prompt(String system, String user, String boundary) {

	public Prompt {
		Objects.requireNonNull(system, "system");
		Objects.requireNonNull(user, "user");
	}

	public Prompt(String system, String user) {
		this(system, user, null);
	}

	/** Both messages with the call's random boundary replaced by a fixed word. */
	public String stableText() {
		String text = this.system + "\u0000" + this.user;
		return this.boundary == null ? text : text.replace(this.boundary, "BOUNDARY");
	}

}
