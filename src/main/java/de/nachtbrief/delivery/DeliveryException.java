package de.nachtbrief.delivery;

/**
 * A send that did not go through; {@code retryable} when trying again may help. The
 * message never holds a webhook URL or a secret.
 */
class DeliveryException extends Exception {

	private final boolean retryable;

	DeliveryException(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
	}

	boolean retryable() {
		return this.retryable;
	}

}
