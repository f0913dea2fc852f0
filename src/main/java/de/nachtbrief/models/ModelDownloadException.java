package de.nachtbrief.models;

/**
 * A model file could not be downloaded or put in place. The message is one line, safe to
 * print as it is, and says what became of the partial file.
 */
public class ModelDownloadException extends RuntimeException {

	public ModelDownloadException(String message) {
		super(message);
	}

	public ModelDownloadException(String message, Throwable cause) {
		super(message, cause);
	}

}
