package de.nachtbrief.llm;

/**
 * The backend cannot serve calls at all, so the run stops rather than failing every
 * document the same way.
 */
public class BackendUnavailableException extends RuntimeException {

	public BackendUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
