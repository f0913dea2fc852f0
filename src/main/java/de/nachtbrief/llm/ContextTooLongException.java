package de.nachtbrief.llm;

/**
 * The backend refused a prompt as longer than its context window. Retrying the same
 * prompt cannot help; the caller can send the text again in smaller pieces.
 */
public class ContextTooLongException extends ModelAnswerException {

	public ContextTooLongException(String message, Usage usage, Throwable cause) {
		super(message, usage, cause);
	}

}
