package de.nachtbrief.brief;

import java.util.List;
import java.util.Objects;

/**
 * The brief for one target language. {@code writtenIn} differs from {@code language} when
 * no model could translate it (the extractive backend); {@code notes} say such things
 * plainly to the reader.
 */
public record LocalizedBrief(String language, String writtenIn, Brief brief, List<String> notes) {

	public LocalizedBrief {
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(writtenIn, "writtenIn");
		Objects.requireNonNull(brief, "brief");
		notes = notes == null ? List.of() : List.copyOf(notes);
	}

}
