package de.nachtbrief.delivery;

/** Where a message in {@code NB_OUTBOX} stands. */
public enum OutboxStatus {

	/** Not sent yet, or to be tried again. */
	PENDING,
	/** Being sent: committed before the network call, so a crash leaves it visible. */
	SENDING,
	/** The receiver accepted it. */
	SENT,
	/** Every attempt failed, or the receiver refused it for good. */
	FAILED,
	/**
	 * A send was interrupted before its outcome was recorded, on a channel that cannot
	 * drop a repeat: it may or may not have arrived, and is not sent again.
	 */
	UNCERTAIN

}
