package de.nachtbrief.llm;

/**
 * One call failed or gave an unusable answer; the document is recorded as failed, the run
 * goes on.
 */
public class ModelAnswerException extends RuntimeException {

	private final Usage usage;

	public ModelAnswerException(String message, Usage usage, Throwable cause) {
		super(message, cause);
		this.usage = usage;
	}

	/** What the failed call cost, since providers bill for cut-off answers too. */
	public Usage usage() {
		return this.usage;
	}

}
