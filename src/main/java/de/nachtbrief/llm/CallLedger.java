package de.nachtbrief.llm;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.nachtbrief.store.OwnTransaction;
import de.nachtbrief.store.StateDialect;

/**
 * The record of completed model calls in the state database: each raw answer as it
 * arrived ({@code NB_MODEL_EXCHANGE}, keyed by the exact request to one backend) and each
 * parsed answer ({@code NB_MODEL_CALL}, keyed by the question to a backend or failover
 * chain). Each is committed in a transaction of its own as soon as it exists, so a crash
 * later in the same chunk does not take the paid-for answer with it.
 */
public class CallLedger {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final StateDialect dialect;

	public CallLedger(JdbcClient jdbc, PlatformTransactionManager transactions, StateDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.ownTransaction = OwnTransaction.of(transactions);
	}

	/** An answer as it was stored: its JSON and the backend and model that gave it. */
	record Stored(String answerJson, String backend, String model) {
	}

	Optional<Stored> find(String key) {
		return this.ownTransaction
			.execute((status) -> this.jdbc.sql("SELECT ANSWER, BACKEND, MODEL FROM NB_MODEL_CALL WHERE CALL_KEY = ?")
				.param(key)
				.query((rs, row) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
				.optional());
	}

	void record(String key, String promptSha256, String backend, String model, String answerJson, Usage usage) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql(this.dialect.upsert("NB_MODEL_CALL", "CALL_KEY",
					List.of("CALL_KEY", "PROMPT_SHA256", "BACKEND", "MODEL", "ANSWER", "INPUT_TOKENS",
							"OUTPUT_TOKENS")))
			.params(key, promptSha256, backend, model, answerJson, usage.inputTokens(), usage.outputTokens())
			.update());
	}

	/**
	 * A model's raw answer to one request, as it arrived, and, for an answer a batch
	 * brought that no document has used yet, what it cost (else null).
	 */
	record Exchange(String answer, String finishReason, Usage usage) {

		Exchange(String answer, String finishReason) {
			this(answer, finishReason, null);
		}

		boolean prepaid() {
			return this.usage != null;
		}

	}

	Optional<Exchange> findExchange(String key) {
		return this.ownTransaction.execute(
				(status) -> this.jdbc.sql("""
						SELECT ANSWER, FINISH_REASON, PREPAID, INPUT_TOKENS, OUTPUT_TOKENS, COST, CACHED_INPUT_TOKENS
						FROM NB_MODEL_EXCHANGE WHERE EXCHANGE_KEY = ?""")
					.param(key)
					.query((rs, row) -> new Exchange(rs.getString(1), rs.getString(2), rs.getBoolean(3)
							? new Usage(rs.getLong(4), rs.getLong(5), 1, rs.getDouble(6), rs.getLong(7)) : null))
					.optional());
	}

	/** Whether an answer to this exact request is on record. */
	boolean hasExchange(String key) {
		return this.ownTransaction
			.execute((status) -> this.jdbc.sql("SELECT COUNT(*) FROM NB_MODEL_EXCHANGE WHERE EXCHANGE_KEY = ?")
				.param(key)
				.query(Long.class)
				.single()) > 0;
	}

	/**
	 * Files an answer a provider batch brought, with what it cost, for the document that
	 * will ask this exact request.
	 */
	void recordBatchAnswer(String key, String backend, String model, Exchange exchange, Usage usage) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql(this.dialect.upsert("NB_MODEL_EXCHANGE", "EXCHANGE_KEY",
					List.of("EXCHANGE_KEY", "BACKEND", "MODEL", "ANSWER", "FINISH_REASON", "INPUT_TOKENS",
							"OUTPUT_TOKENS", "CACHED_INPUT_TOKENS", "COST"),
					"PREPAID = TRUE"))
			.params(key, backend, model, exchange.answer(), exchange.finishReason(), usage.inputTokens(),
					usage.outputTokens(), usage.cachedInputTokens(), usage.cost())
			.update());
	}

	/** A batch's answer is now a document's: its cost has been counted. */
	void usedBatchAnswer(String key) {
		this.ownTransaction.executeWithoutResult(
				(status) -> this.jdbc.sql("UPDATE NB_MODEL_EXCHANGE SET PREPAID = FALSE WHERE EXCHANGE_KEY = ?")
					.param(key)
					.update());
	}

	/** A run's batch at a provider, as last seen. */
	public record Batch(String id, long run, String backend, String status, int requests, int answers) {
	}

	/** The batch a run sent, if it sent one. */
	public Optional<Batch> batchOf(long run) {
		return this.ownTransaction.execute((status) -> this.jdbc.sql("""
				SELECT BATCH_ID, RUN_ID, BACKEND, STATUS, REQUESTS, ANSWERS FROM NB_MODEL_BATCH
				WHERE RUN_ID = ? ORDER BY CREATED_AT DESC LIMIT 1""")
			.param(run)
			.query((rs, row) -> new Batch(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6)))
			.optional());
	}

	public void recordBatch(Batch batch) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql(this.dialect.upsert("NB_MODEL_BATCH", "BATCH_ID",
					List.of("BATCH_ID", "RUN_ID", "BACKEND", "STATUS", "REQUESTS", "ANSWERS"),
					"UPDATED_AT = CURRENT_TIMESTAMP"))
			.params(batch.id(), batch.run(), batch.backend(), batch.status(), batch.requests(), batch.answers())
			.update());
	}

	void recordExchange(String key, String backend, String model, Exchange exchange, Usage usage) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql(this.dialect.upsert("NB_MODEL_EXCHANGE", "EXCHANGE_KEY",
					List.of("EXCHANGE_KEY", "BACKEND", "MODEL", "ANSWER", "FINISH_REASON", "INPUT_TOKENS",
							"OUTPUT_TOKENS")))
			.params(key, backend, model, exchange.answer(), exchange.finishReason(), usage.inputTokens(),
					usage.outputTokens())
			.update());
	}

	void forgetExchange(String key) {
		this.ownTransaction.executeWithoutResult(
				(status) -> this.jdbc.sql("DELETE FROM NB_MODEL_EXCHANGE WHERE EXCHANGE_KEY = ?").param(key).update());
	}

	/** The number of calls recorded, for reports and tests. */
	public long size() {
		return this.jdbc.sql("SELECT COUNT(*) FROM NB_MODEL_CALL").query(Long.class).single();
	}

}
