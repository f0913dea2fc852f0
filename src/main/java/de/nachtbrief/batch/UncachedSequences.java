package de.nachtbrief.batch;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Spring Batch's id sequences without H2's cache of 32 numbers: a killed process loses
 * the numbers it had cached, so the run after a kill was numbered 33 instead of 2.
 */
final class UncachedSequences {

	private static final String[] NAMES = { "BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_EXECUTION_SEQ",
			"BATCH_STEP_EXECUTION_SEQ" };

	UncachedSequences(JdbcClient jdbc) {
		for (String name : NAMES) {
			// Idempotent, and IF EXISTS: Spring Batch's schema script creates them.
			jdbc.sql("ALTER SEQUENCE IF EXISTS " + name + " NO CACHE").update();
		}
	}

}
