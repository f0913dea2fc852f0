package de.nachtbrief.llm.local;

/** A model file that is missing or cannot be loaded; the message says what to do. */
public class LocalModelException extends RuntimeException {

	LocalModelException(String message) {
		super(message);
	}

	LocalModelException(String message, Throwable cause) {
		super(message, cause);
	}

}
