package de.nachtbrief.extract;

/**
 * A file that yields no usable text; the message says why in words an editor understands.
 */
public class ExtractionException extends Exception {

	public ExtractionException(String message) {
		super(message);
	}

	public ExtractionException(String message, Throwable cause) {
		super(message, cause);
	}

}
