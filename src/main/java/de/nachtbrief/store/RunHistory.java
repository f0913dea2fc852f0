package de.nachtbrief.store;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads past runs from Spring Batch's tables and {@code NB_DOCUMENT}: one row per
 * execution, so a resumed run shows each attempt. Spring Batch stores local times of the
 * JVM's zone.
 */
public class RunHistory {

	// A document counts for the attempt that settled it: updated after the attempt
	// started
	// and before the run's next attempt did.
	private static final String IN_ATTEMPT = """
			d.RUN_ID = e.JOB_INSTANCE_ID AND d.UPDATED_AT >= e.START_TIME
			AND (e.NEXT_START IS NULL OR d.UPDATED_AT < e.NEXT_START)""";

	private static final String RUNS = """
			SELECT e.JOB_INSTANCE_ID, e.START_TIME, e.END_TIME, e.STATUS,
			  (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p
			   WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'job') AS JOB,
			  (SELECT COUNT(*) FROM NB_DOCUMENT d WHERE %1$s AND d.STATUS = 'BRIEFED') AS BRIEFED,
			  (SELECT COUNT(*) FROM NB_DOCUMENT d WHERE %1$s AND d.STATUS = 'FAILED') AS FAILED,
			  (SELECT COUNT(*) FROM NB_DOCUMENT d WHERE %1$s AND d.STATUS = 'SKIPPED') AS SKIPPED,
			  (SELECT COALESCE(SUM(d.INPUT_TOKENS + d.OUTPUT_TOKENS), 0) FROM NB_DOCUMENT d WHERE %1$s) AS TOKENS,
			  (SELECT COALESCE(SUM(d.COST), 0) FROM NB_DOCUMENT d WHERE %1$s) AS COST
			FROM (SELECT x.*, (SELECT MIN(n.START_TIME) FROM BATCH_JOB_EXECUTION n
			  WHERE n.JOB_INSTANCE_ID = x.JOB_INSTANCE_ID AND n.JOB_EXECUTION_ID > x.JOB_EXECUTION_ID) AS NEXT_START
			  FROM BATCH_JOB_EXECUTION x) e""";

	/** Each attempt with its own counts. */
	private static final String ATTEMPTS = RUNS.formatted(IN_ATTEMPT);

	/** The run's totals over all its attempts. */
	private static final String TOTALS = RUNS.formatted("d.RUN_ID = e.JOB_INSTANCE_ID");

	private static final RowMapper<RunRow> ROW = (rs, row) -> new RunRow(rs.getLong("JOB_INSTANCE_ID"),
			rs.getString("JOB"), local(rs.getTimestamp("START_TIME")), local(rs.getTimestamp("END_TIME")),
			rs.getString("STATUS"), rs.getLong("BRIEFED"), rs.getLong("FAILED"), rs.getLong("SKIPPED"),
			rs.getLong("TOKENS"), rs.getDouble("COST"));

	private final JdbcClient jdbc;

	public RunHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One execution of a run; {@code ended} is null while it runs. From {@link #recent}
	 * the counts are the attempt's own; from {@link #run} the run's, over all attempts.
	 */
	public record RunRow(long run, String job, LocalDateTime started, LocalDateTime ended, String status, long briefed,
			long failed, long skipped, long tokens, double cost) {

		public RunRow {
			Objects.requireNonNull(status, "status");
		}

		public Duration duration() {
			return (this.started == null || this.ended == null) ? null : Duration.between(this.started, this.ended);
		}

	}

	/** The latest executions, newest first, each with its own counts. */
	public List<RunRow> recent(int limit) {
		return this.jdbc.sql(ATTEMPTS + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?").param(limit).query(ROW).list();
	}

	/** The latest execution of a run, with the run's totals. */
	public Optional<RunRow> run(long run) {
		return this.jdbc.sql(TOTALS + " WHERE e.JOB_INSTANCE_ID = ? ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1")
			.param(run)
			.query(ROW)
			.optional();
	}

	/** When the job's latest run was started, if it ever was. */
	public Optional<Instant> lastStarted(String job) {
		return this.jdbc.sql("""
				SELECT MAX(e.START_TIME) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p
				ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'job' AND p.PARAMETER_VALUE = ?""")
			.param(job)
			.query((rs, row) -> local(rs.getTimestamp(1)))
			.optional()
			.map((started) -> started.atZone(ZoneId.systemDefault()).toInstant());
	}

	private static LocalDateTime local(Timestamp timestamp) {
		return timestamp != null ? timestamp.toLocalDateTime() : null;
	}

}
