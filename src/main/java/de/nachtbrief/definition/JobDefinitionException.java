package de.nachtbrief.definition;

/** A job file that cannot be used; the message names the file and the key. */
public class JobDefinitionException extends RuntimeException {

	public JobDefinitionException(String message, Throwable cause) {
		super(message, cause);
	}

}
