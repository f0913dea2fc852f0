package de.nachtbrief.delivery;

import java.time.OffsetDateTime;

/**
 * What became of one message in {@code NB_OUTBOX}, without its address or content: fit to
 * be shown in a run report. {@code lastError} is recorded redacted; {@code sentAt} is
 * null until the receiver accepted it.
 */
public record OutboxEntry(String recipient, Channel channel, String language, int part, int parts, OutboxStatus status,
		int attempts, String lastError, OffsetDateTime sentAt) {

}
