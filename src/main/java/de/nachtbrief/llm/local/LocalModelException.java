package de.nachtbrief.llm.local;

/**
 * A model file that is missing or cannot be loaded, or a llama.cpp that cannot run here;
 * the message says what to do.
 */
public class LocalModelException extends RuntimeException {

	private final boolean aboutTheFile;

	LocalModelException(String message) {
		this(message, null, true);
	}

	LocalModelException(String message, Throwable cause) {
		this(message, cause, true);
	}

	LocalModelException(String message, Throwable cause, boolean aboutTheFile) {
		super(message, cause);
		this.aboutTheFile = aboutTheFile;
	}

	/** Whether another model file would help, rather than another machine or setting. */
	public boolean isAboutTheFile() {
		return this.aboutTheFile;
	}

}
