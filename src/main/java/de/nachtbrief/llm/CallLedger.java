package de.nachtbrief.llm;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of completed model calls in H2: each raw answer as it arrived
 * ({@code NB_MODEL_EXCHANGE}, keyed by the exact request to one backend) and each parsed
 * answer ({@code NB_MODEL_CALL}, keyed by the question to a backend or failover chain).
 * Each is committed in a transaction of its own as soon as it exists, so a crash later in
 * the same chunk does not take the paid-for answer with it.
 */
public class CallLedger {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	public CallLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				MERGE INTO NB_MODEL_CALL (CALL_KEY, PROMPT_SHA256, BACKEND, MODEL, ANSWER, INPUT_TOKENS, OUTPUT_TOKENS)
				KEY (CALL_KEY) VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(key, promptSha256, backend, model, answerJson, usage.inputTokens(), usage.outputTokens())
			.update());
	}

	/** A model's raw answer to one request, as it arrived. */
	record Exchange(String answer, String finishReason) {
	}

	Optional<Exchange> findExchange(String key) {
		return this.ownTransaction.execute(
				(status) -> this.jdbc.sql("SELECT ANSWER, FINISH_REASON FROM NB_MODEL_EXCHANGE WHERE EXCHANGE_KEY = ?")
					.param(key)
					.query((rs, row) -> new Exchange(rs.getString(1), rs.getString(2)))
					.optional());
	}

	void recordExchange(String key, String backend, String model, Exchange exchange, Usage usage) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				MERGE INTO NB_MODEL_EXCHANGE (EXCHANGE_KEY, BACKEND, MODEL, ANSWER, FINISH_REASON, INPUT_TOKENS,
				OUTPUT_TOKENS) KEY (EXCHANGE_KEY) VALUES (?, ?, ?, ?, ?, ?, ?)""")
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
