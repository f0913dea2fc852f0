package de.nachtbrief.delivery;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.nachtbrief.store.OwnTransaction;

/**
 * {@code NB_OUTBOX}. A row moves PENDING → SENDING → SENT, or to FAILED after its last
 * attempt; each change is committed in its own transaction at once, even inside a batch
 * step, so that SENDING is on disk before the network call starts.
 */
class Outbox {

	private static final RowMapper<OutboxMessage> ROW = (rs, row) -> new OutboxMessage(rs.getLong("ID"),
			rs.getLong("RUN_ID"), rs.getString("RECIPIENT"), Channel.valueOf(rs.getString("CHANNEL")),
			rs.getString("LANGUAGE"), rs.getInt("PART"), rs.getInt("PARTS"),
			OutboxStatus.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"), rs.getString("LAST_ERROR"),
			rs.getString("IDEMPOTENCY_KEY"), rs.getString("ADDRESS"), rs.getString("SECRET_ENV"), rs.getString("TITLE"),
			rs.getString("BODY"), rs.getString("BODY_HTML"));

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	Outbox(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = OwnTransaction.of(transactions);
	}

	/**
	 * Adds a message unless the run already has it for this recipient, language and part.
	 */
	void enqueue(OutboxMessage message) {
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc.sql("""
				INSERT INTO NB_OUTBOX (RUN_ID, RECIPIENT, CHANNEL, LANGUAGE, PART, PARTS, STATUS, IDEMPOTENCY_KEY,
				ADDRESS, SECRET_ENV, TITLE, BODY, BODY_HTML)
				SELECT ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
				(SELECT 1 FROM NB_OUTBOX WHERE RUN_ID = ? AND RECIPIENT = ? AND LANGUAGE = ? AND PART = ?)""")
			.params(message.run(), message.recipient(), message.channel().name(), message.language(), message.part(),
					message.parts(), message.idempotencyKey(), message.address(), message.secretEnv(), message.title(),
					message.body(), message.html(), message.run(), message.recipient(), message.language(),
					message.part())
			.update());
	}

	/** Whether a recipient already has messages of a run in a language. */
	boolean has(long run, String recipient, String language) {
		return this.jdbc.sql("SELECT COUNT(*) FROM NB_OUTBOX WHERE RUN_ID = ? AND RECIPIENT = ? AND LANGUAGE = ?")
			.params(run, recipient, language)
			.query(Integer.class)
			.single() > 0;
	}

	List<OutboxMessage> withStatus(OutboxStatus status) {
		return this.jdbc.sql("SELECT * FROM NB_OUTBOX WHERE STATUS = ? ORDER BY ID")
			.param(status.name())
			.query(ROW)
			.list();
	}

	List<OutboxMessage> ofRun(long run) {
		return this.jdbc.sql("SELECT * FROM NB_OUTBOX WHERE RUN_ID = ? ORDER BY ID").param(run).query(ROW).list();
	}

	/** A run's messages without address, secret or content. */
	List<OutboxEntry> entriesOf(long run) {
		return this.jdbc.sql("""
				SELECT RECIPIENT, CHANNEL, LANGUAGE, PART, PARTS, STATUS, ATTEMPTS, LAST_ERROR, SENT_AT
				FROM NB_OUTBOX WHERE RUN_ID = ? ORDER BY RECIPIENT, LANGUAGE, PART""")
			.param(run)
			.query((rs, row) -> new OutboxEntry(rs.getString("RECIPIENT"), Channel.valueOf(rs.getString("CHANNEL")),
					rs.getString("LANGUAGE"), rs.getInt("PART"), rs.getInt("PARTS"),
					OutboxStatus.valueOf(rs.getString("STATUS")), rs.getInt("ATTEMPTS"), rs.getString("LAST_ERROR"),
					rs.getObject("SENT_AT", OffsetDateTime.class)))
			.list();
	}

	/** Records the start of an attempt; committed before the message leaves. */
	void markSending(long id) {
		update("STATUS = 'SENDING', ATTEMPTS = ATTEMPTS + 1", id);
	}

	void markSent(long id) {
		update("STATUS = 'SENT', LAST_ERROR = NULL, SENT_AT = CURRENT_TIMESTAMP", id);
	}

	void mark(long id, OutboxStatus status, String error) {
		String cut = error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
		this.ownTransaction.executeWithoutResult((tx) -> this.jdbc
			.sql("UPDATE NB_OUTBOX SET STATUS = ?, LAST_ERROR = ?, UPDATED_AT = CURRENT_TIMESTAMP WHERE ID = ?")
			.params(status.name(), cut, id)
			.update());
	}

	private void update(String set, long id) {
		this.ownTransaction.executeWithoutResult(
				(tx) -> this.jdbc.sql("UPDATE NB_OUTBOX SET " + set + ", UPDATED_AT = CURRENT_TIMESTAMP WHERE ID = ?")
					.param(id)
					.update());
	}

}
