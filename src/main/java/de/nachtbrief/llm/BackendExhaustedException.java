package de.nachtbrief.llm;

/**
 * A backend kept failing with errors that usually pass (rate limits, overload, timeouts,
 * dropped connections) until its retries or time budget ran out. Unlike a bad answer,
 * this says the backend is down for now, so a failover chain hands the call to its next
 * backend.
 */
public class BackendExhaustedException extends ModelAnswerException {

	private final String backend;

	private final int attempts;

	public BackendExhaustedException(String message, String backend, int attempts, Throwable cause) {
		super(message, Usage.NONE, cause);
		this.backend = backend;
		this.attempts = attempts;
	}

	/** The name of the backend that stayed down. */
	public String backend() {
		return this.backend;
	}

	/** How many calls were made before giving up. */
	public int attempts() {
		return this.attempts;
	}

}
