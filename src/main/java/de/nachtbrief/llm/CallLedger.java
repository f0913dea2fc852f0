package de.nachtbrief.llm;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The record of completed model calls in H2 ({@code NB_MODEL_CALL}). Each answer is
 * committed in a transaction of its own as soon as it arrives, so a crash later in the
 * same chunk does not take the paid-for answer with it.
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

	/** The number of calls recorded, for reports and tests. */
	public long size() {
		return this.jdbc.sql("SELECT COUNT(*) FROM NB_MODEL_CALL").query(Long.class).single();
	}

}
