package de.nachtbrief.brief;

import java.util.List;
import java.util.Objects;

/**
 * The brief for one target language. {@code writtenIn} differs from {@code language} when
 * no model could translate it (the extractive backend); {@code notes} say such things
 * plainly to the reader. {@code glossary} says which entries of the job's glossary for
 * terms in the source the brief used and which it missed (null without a glossary, and in
 * briefs of schema version 2 and older).
 */
public record LocalizedBrief(String language, String writtenIn, Brief brief, List<String> notes,
		Glossary.Use glossary) {

	/** A brief made without a glossary. */
	public LocalizedBrief(String language, String writtenIn, Brief brief, List<String> notes) {
		this(language, writtenIn, brief, notes, null);
	}

	public LocalizedBrief {
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(writtenIn, "writtenIn");
		Objects.requireNonNull(brief, "brief");
		notes = notes == null ? List.of() : List.copyOf(notes);
	}

}
