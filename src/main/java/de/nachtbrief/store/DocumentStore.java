package de.nachtbrief.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.llm.Usage;

/**
 * Reads and writes {@code NB_DOCUMENT}; every write is keyed so that repeating it changes
 * nothing.
 */
public class DocumentStore {

	private static final String COLUMNS = "ID, RUN_ID, PATH, SHA256, SIZE_BYTES, STATUS, REASON, BRIEF_PATH, BACKEND, "
			+ "MODEL, INPUT_TOKENS, OUTPUT_TOKENS, MODEL_CALLS, DURATION_MS, COST, CACHED_INPUT_TOKENS";

	private static final RowMapper<DocumentRecord> ROW = (rs, row) -> new DocumentRecord(rs.getLong("ID"),
			rs.getLong("RUN_ID"), rs.getString("PATH"), rs.getString("SHA256"), rs.getLong("SIZE_BYTES"),
			DocumentStatus.valueOf(rs.getString("STATUS")), rs.getString("REASON"), rs.getString("BRIEF_PATH"),
			rs.getString("BACKEND"), rs.getString("MODEL"), rs.getLong("INPUT_TOKENS"), rs.getLong("OUTPUT_TOKENS"),
			rs.getInt("MODEL_CALLS"), rs.getLong("DURATION_MS"), rs.getDouble("COST"),
			rs.getLong("CACHED_INPUT_TOKENS"));

	private final JdbcClient jdbc;

	public DocumentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a file found in a run, unless the run already has it (a repeated discovery
	 * changes nothing).
	 */
	public void register(long runId, String jobName, String path, String sha256, String settingsHash, long size,
			DocumentStatus status, String reason) {
		this.jdbc.sql("""
				INSERT INTO NB_DOCUMENT (RUN_ID, JOB_NAME, PATH, SHA256, SETTINGS_HASH, SIZE_BYTES, STATUS, REASON)
				SELECT ?, ?, ?, ?, ?, ?, ?, ?
				WHERE NOT EXISTS (SELECT 1 FROM NB_DOCUMENT WHERE RUN_ID = ? AND PATH = ?)""")
			.params(runId, jobName, path, sha256, settingsHash, size, status.name(), reason, runId, path)
			.update();
	}

	/** The brief written earlier for the same content and settings, if any. */
	public Optional<DocumentRecord> findBriefed(String sha256, String settingsHash) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM NB_DOCUMENT WHERE SHA256 = ? AND SETTINGS_HASH = ? "
					+ "AND STATUS = 'BRIEFED' ORDER BY ID DESC LIMIT 1")
			.params(sha256, settingsHash)
			.query(ROW)
			.optional();
	}

	/** A document of the job, by its id. */
	public Optional<DocumentRecord> byId(String jobName, long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM NB_DOCUMENT WHERE ID = ? AND JOB_NAME = ?")
			.params(id, jobName)
			.query(ROW)
			.optional();
	}

	/** The job's latest document whose brief is this JSON file. */
	public Optional<DocumentRecord> byBriefPath(String jobName, String briefPath) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM NB_DOCUMENT WHERE JOB_NAME = ? AND BRIEF_PATH = ? ORDER BY ID DESC LIMIT 1")
			.params(jobName, briefPath)
			.query(ROW)
			.optional();
	}

	/**
	 * A document's record with its job and when it last changed, for the search index.
	 */
	public record Changed(String jobName, Instant updatedAt, DocumentRecord document) {
	}

	/**
	 * The records of every job in this database changed at or after {@code since}, oldest
	 * change first, at most {@code limit}.
	 */
	public List<Changed> changedSince(Instant since, int limit) {
		return this.jdbc
			.sql("SELECT JOB_NAME, UPDATED_AT, " + COLUMNS
					+ " FROM NB_DOCUMENT WHERE UPDATED_AT >= ? ORDER BY UPDATED_AT, ID LIMIT ?")
			.params(OffsetDateTime.ofInstant(since, ZoneOffset.UTC), limit)
			.query((rs, row) -> new Changed(rs.getString("JOB_NAME"),
					rs.getObject("UPDATED_AT", OffsetDateTime.class).toInstant(), ROW.mapRow(rs, row)))
			.list();
	}

	/** When a document's record last changed. */
	public Instant updatedAt(long id) {
		return this.jdbc.sql("SELECT UPDATED_AT FROM NB_DOCUMENT WHERE ID = ?")
			.param(id)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	/** The job's latest record of a file, by its path relative to the input folder. */
	public Optional<DocumentRecord> latestFor(String jobName, String path) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM NB_DOCUMENT WHERE JOB_NAME = ? AND PATH = ? ORDER BY ID DESC LIMIT 1")
			.params(jobName, path)
			.query(ROW)
			.optional();
	}

	/** The latest brief of this content, with whatever settings. */
	public Optional<DocumentRecord> latestBriefed(String sha256) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM NB_DOCUMENT WHERE SHA256 = ? AND STATUS = 'BRIEFED' ORDER BY ID DESC LIMIT 1")
			.param(sha256)
			.query(ROW)
			.optional();
	}

	public List<DocumentRecord> pending(long runId) {
		return inRun(runId, DocumentStatus.PENDING);
	}

	/**
	 * The pending documents of one of a run's {@code partitions} remote partitions: those
	 * whose id leaves the partition's number when divided by their count.
	 */
	public List<DocumentRecord> pendingInPartition(long runId, int partition, int partitions) {
		return this.jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM NB_DOCUMENT WHERE RUN_ID = ? AND STATUS = 'PENDING' AND MOD(ID, ?) = ? ORDER BY PATH")
			.params(runId, partitions, partition)
			.query(ROW)
			.list();
	}

	/** How many of a run's documents are in each state, and the tokens they took. */
	public record Counts(int pending, int briefed, int failed, long tokens) {
	}

	public Counts counts(long runId) {
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(CASE WHEN STATUS = 'PENDING' THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN STATUS = 'BRIEFED' THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(CASE WHEN STATUS = 'FAILED' THEN 1 ELSE 0 END), 0),
				COALESCE(SUM(INPUT_TOKENS + OUTPUT_TOKENS), 0) FROM NB_DOCUMENT WHERE RUN_ID = ?""")
			.param(runId)
			.query((rs, row) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)))
			.single();
	}

	public List<DocumentRecord> inRun(long runId, DocumentStatus status) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM NB_DOCUMENT WHERE RUN_ID = ? AND STATUS = ? ORDER BY PATH")
			.params(runId, status.name())
			.query(ROW)
			.list();
	}

	public List<DocumentRecord> all(long runId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM NB_DOCUMENT WHERE RUN_ID = ? ORDER BY PATH")
			.param(runId)
			.query(ROW)
			.list();
	}

	/**
	 * Marks a document briefed; {@code headline} is its brief's, in the job's first
	 * language.
	 */
	public void markBriefed(long id, String briefPath, String headline, String backend, String model, Usage usage,
			long durationMs) {
		this.jdbc.sql("""
				UPDATE NB_DOCUMENT SET STATUS = 'BRIEFED', REASON = NULL, BRIEF_PATH = ?, HEADLINE = ?, BACKEND = ?,
				MODEL = ?, INPUT_TOKENS = ?, CACHED_INPUT_TOKENS = ?, OUTPUT_TOKENS = ?, MODEL_CALLS = ?, COST = ?,
				DURATION_MS = ?, UPDATED_AT = CURRENT_TIMESTAMP WHERE ID = ?""")
			.params(briefPath, headline, backend, model, usage.inputTokens(), usage.cachedInputTokens(),
					usage.outputTokens(), usage.calls(), usage.cost(), durationMs, id)
			.update();
	}

	/**
	 * The headlines recorded for a run's briefed documents, by id (none for briefs made
	 * before headlines were recorded).
	 */
	public Map<Long, String> headlines(long runId) {
		Map<Long, String> headlines = new HashMap<>();
		this.jdbc.sql("SELECT ID, HEADLINE FROM NB_DOCUMENT WHERE RUN_ID = ? AND HEADLINE IS NOT NULL")
			.param(runId)
			.query((rs) -> {
				headlines.put(rs.getLong(1), rs.getString(2));
			});
		return headlines;
	}

	public void markFailed(long id, String reason, Usage usage, long durationMs) {
		this.jdbc.sql("""
				UPDATE NB_DOCUMENT SET STATUS = 'FAILED', REASON = ?, INPUT_TOKENS = ?, CACHED_INPUT_TOKENS = ?,
				OUTPUT_TOKENS = ?, MODEL_CALLS = ?, COST = ?, DURATION_MS = ?, UPDATED_AT = CURRENT_TIMESTAMP
				WHERE ID = ?""")
			.params(reason, usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(), usage.calls(),
					usage.cost(), durationMs, id)
			.update();
	}

	/**
	 * Leaves a document pending with why; {@code modelTries} counts the runs whose model
	 * calls failed it, so that a next run can give up on it.
	 */
	public void markLeftPending(long id, String reason, int modelTries) {
		this.jdbc.sql("""
				UPDATE NB_DOCUMENT SET STATUS = 'PENDING', REASON = ?, MODEL_TRIES = ?, UPDATED_AT = CURRENT_TIMESTAMP
				WHERE ID = ?""").params(reason, modelTries, id).update();
	}

	/**
	 * How many runs of the job have so far failed this content at this path for its
	 * model's sake.
	 */
	public int modelTries(String jobName, String path, String sha256) {
		return this.jdbc
			.sql("SELECT COALESCE(MAX(MODEL_TRIES), 0) FROM NB_DOCUMENT WHERE JOB_NAME = ? AND PATH = ? AND SHA256 = ?")
			.params(jobName, path, sha256)
			.query(Integer.class)
			.single();
	}

}
