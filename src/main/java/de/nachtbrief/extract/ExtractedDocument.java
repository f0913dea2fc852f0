package de.nachtbrief.extract;

import java.util.Objects;

/**
 * What was read from one file: its text (page clutter already removed for web pages), its
 * metadata as far as the file carries it, and the detected language ({@code und} when
 * undetermined).
 */
public record ExtractedDocument(String text, String title, String author, String date, String mediaType,
		String language, boolean truncated) {

	public ExtractedDocument {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(mediaType, "mediaType");
		Objects.requireNonNull(language, "language");
	}

	public boolean isGerman() {
		return "de".equals(this.language);
	}

}
