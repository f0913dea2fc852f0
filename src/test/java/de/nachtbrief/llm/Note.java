package de.nachtbrief.llm;

import java.util.List;
import java.util.Objects;

/**
 * A small structured answer for backend tests, with the prompt that asks for it and a
 * valid answer; a missing headline makes an answer unusable, as a missing field would a
 * brief.
 */
record Note(String headline, List<String> topics) {

	static final String JSON = "{\"headline\":\"Stadtrat beschließt Haushalt\",\"topics\":[\"Politik\"]}";

	static final Prompt PROMPT = new Prompt("Antworte als JSON.", "Der Stadtrat hat den Haushalt beschlossen.");

	Note {
		Objects.requireNonNull(headline, "headline");
	}

}
