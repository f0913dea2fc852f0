package de.nachtbrief.extract;

import java.util.Objects;

/**
 * What the parser read from one file, before language detection; crosses from the child
 * JVM as JSON.
 */
record RawDocument(String text, String title, String author, String date, String mediaType, boolean truncated) {

	RawDocument {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(mediaType, "mediaType");
	}

}
