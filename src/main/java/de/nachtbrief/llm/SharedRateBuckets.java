package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.nachtbrief.store.OwnTransaction;
import de.nachtbrief.store.StateDialect;

/**
 * Rate buckets in the shared state database ({@code NB_RATE_BUCKET}): every process of a
 * deployment, manager and workers alike, takes from the same row, locked for the moment
 * of taking, so a provider's per-minute limits hold however many processes call it.
 */
public class SharedRateBuckets implements RateBuckets {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final StateDialect dialect;

	public SharedRateBuckets(JdbcClient jdbc, PlatformTransactionManager transactions, StateDialect dialect) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.ownTransaction = OwnTransaction.of(transactions);
	}

	@Override
	public Duration take(String bucket, long perMinute, long amount, Instant now) {
		if (perMinute <= 0) {
			return Duration.ZERO;
		}
		this.ownTransaction.executeWithoutResult((status) -> this.jdbc
			.sql(this.dialect.insertIfAbsent("NB_RATE_BUCKET", "BUCKET", List.of("BUCKET", "CONTENT", "REFILLED_AT")))
			.params(bucket, (double) perMinute, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update());
		return this.ownTransaction.execute((status) -> {
			Level level = this.jdbc.sql("SELECT CONTENT, REFILLED_AT FROM NB_RATE_BUCKET WHERE BUCKET = ? FOR UPDATE")
				.param(bucket)
				.query((rs, row) -> new Level(rs.getDouble(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
				.single()
				.at(now, perMinute);
			Duration wait = level.waitFor(amount, perMinute);
			Level after = wait.isZero() ? level.minus(amount, perMinute) : level;
			this.jdbc.sql("UPDATE NB_RATE_BUCKET SET CONTENT = ?, REFILLED_AT = ? WHERE BUCKET = ?")
				.params(after.content(), OffsetDateTime.ofInstant(after.refilled(), ZoneOffset.UTC), bucket)
				.update();
			return wait;
		});
	}

}
