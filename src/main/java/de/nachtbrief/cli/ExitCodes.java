package de.nachtbrief.cli;

/** Process exit codes, as documented in README.md. */
final class ExitCodes {

	/** Every document got a brief or a recorded failure. */
	static final int OK = 0;

	/**
	 * The run itself failed: backend unreachable or refusing the key, output not
	 * writable, a crash.
	 */
	static final int RUN_FAILED = 1;

	/**
	 * The command line or the job file is wrong (picocli uses 2 for usage errors too).
	 */
	static final int BAD_INPUT = 2;

	private ExitCodes() {
	}

}
