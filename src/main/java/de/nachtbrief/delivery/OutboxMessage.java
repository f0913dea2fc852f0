package de.nachtbrief.delivery;

import java.util.Objects;

/**
 * One row of {@code NB_OUTBOX}: a part of a digest in one language for one recipient,
 * already in its channel's format. {@code address} holds e-mail addresses (comma
 * separated) or the name of the variable holding the webhook URL.
 */
record OutboxMessage(long id, long run, String recipient, Channel channel, String language, int part, int parts,
		OutboxStatus status, int attempts, String lastError, String idempotencyKey, String address, String secretEnv,
		String title, String body, String html) {

	OutboxMessage {
		Objects.requireNonNull(recipient, "recipient");
		Objects.requireNonNull(channel, "channel");
		Objects.requireNonNull(language, "language");
		Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(title, "title");
		Objects.requireNonNull(body, "body");
		if (part < 1 || part > parts) {
			throw new IllegalArgumentException("part must be between 1 and parts (" + parts + "), was " + part);
		}
	}

}
