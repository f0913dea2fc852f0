package de.nachtbrief.batch;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.store.StateDialect;

/**
 * Spring Batch's id sequences in an H2 state database, set up for two things.
 * PostgreSQL's sequences need neither: they cache nothing by default, and a shared
 * database gives every execution in every process its own id.
 * <ul>
 * <li>Without H2's cache of 32 numbers: a killed process loses the numbers it had cached,
 * so the run after a kill was numbered 33 instead of 2.</li>
 * <li>Job and step execution ids unique within the JVM, not only within their database.
 * Spring Batch's step and job scopes keep each running execution in a static map whose
 * keys are equal when their ids are (an execution's {@code equals} compares ids). Two
 * runs of {@code serve} in two state databases then shared one step context: the first
 * run's step was updated with the other's step execution and failed with an
 * {@code OptimisticLockingFailureException}. Each database of the process gets its own
 * residue modulo {@value #SLOTS}, and its execution sequences count in steps of
 * {@value #SLOTS} from there. Run numbers (job instances) still count 1, 2, 3.</li>
 * </ul>
 */
final class UncachedSequences {

	static final int SLOTS = 64;

	private static final AtomicInteger nextSlot = new AtomicInteger();

	private static final String[] NAMES = { "BATCH_JOB_INSTANCE_SEQ", "BATCH_JOB_EXECUTION_SEQ",
			"BATCH_STEP_EXECUTION_SEQ" };

	UncachedSequences(JdbcClient jdbc, StateDialect dialect) {
		if (dialect != StateDialect.H2) {
			return;
		}
		for (String name : NAMES) {
			// Idempotent, and IF EXISTS: Spring Batch's schema script creates them.
			jdbc.sql("ALTER SEQUENCE IF EXISTS " + name + " NO CACHE").update();
		}
		int slot = nextSlot.getAndIncrement() % SLOTS;
		spread(jdbc, "BATCH_JOB_EXECUTION_SEQ", "BATCH_JOB_EXECUTION", "JOB_EXECUTION_ID", slot);
		spread(jdbc, "BATCH_STEP_EXECUTION_SEQ", "BATCH_STEP_EXECUTION", "STEP_EXECUTION_ID", slot);
	}

	/** The next id is the first above every id in the table that has this residue. */
	private static void spread(JdbcClient jdbc, String sequence, String table, String column, int slot) {
		boolean exists = jdbc.sql(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = ? AND TABLE_SCHEMA = CURRENT_SCHEMA")
			.param(table)
			.query(Long.class)
			.single() > 0;
		if (!exists) {
			return;
		}
		long highest = jdbc.sql("SELECT COALESCE(MAX(" + column + "), 0) FROM " + table).query(Long.class).single();
		long next = (highest / SLOTS + 1) * SLOTS + slot;
		jdbc.sql("ALTER SEQUENCE IF EXISTS " + sequence + " RESTART WITH " + next + " INCREMENT BY " + SLOTS).update();
	}

}
