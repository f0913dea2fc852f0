package de.nachtbrief.store;

/** Where one source file stands in one run. */
public enum DocumentStatus {

	/** Found and waiting for its brief. */
	PENDING,
	/** Its brief is written. */
	BRIEFED,
	/** It could not be briefed; the reason is recorded. */
	FAILED,
	/** Its content was already briefed with the same settings in an earlier run. */
	SKIPPED

}
