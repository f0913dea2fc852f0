package de.nachtbrief.batch;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.Hashes;
import de.nachtbrief.store.StateDialect;

/**
 * Which process is running which execution, so that a process only recovers the runs of
 * processes that are gone, and only stops its own. In an H2 file, which one process opens
 * at a time, every run found running belongs to a process that ended. In a shared
 * PostgreSQL database each running execution holds a lease its process renews every
 * {@link #RENEW_EVERY}; one not renewed for {@link #EXPIRES_AFTER} belongs to a process
 * that died.
 */
public class RunLeases implements JobExecutionListener, AutoCloseable {

	static final Duration RENEW_EVERY = Duration.ofSeconds(15);

	static final Duration EXPIRES_AFTER = Duration.ofSeconds(90);

	private static final Logger log = LoggerFactory.getLogger(RunLeases.class);

	private final JdbcClient jdbc;

	private final StateDialect dialect;

	/** This context's name in the lease table: host, process id and a random part. */
	private final String holder = holderName();

	private final Set<Long> held = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "run-lease");
		thread.setDaemon(true);
		return thread;
	});

	private final DataSource dataSource;

	public RunLeases(JdbcClient jdbc, StateDialect dialect, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.dataSource = dataSource;
		// In an H2 file nobody else reads the leases: no thread renews them.
		if (dialect.shared()) {
			this.renewal.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.jdbc
			.sql("INSERT INTO NB_RUN_LEASE (JOB_EXECUTION_ID, HOLDER, RENEWED_AT) VALUES (?, ?, CURRENT_TIMESTAMP)")
			.params(execution.getId(), this.holder)
			.update();
		this.held.add(execution.getId());
	}

	@Override
	public void afterJob(JobExecution execution) {
		this.held.remove(execution.getId());
		forget(execution);
	}

	/**
	 * Holds the job for this process while it runs, so that two processes sharing a
	 * database (two {@code serve} instances with the same job files, a {@code run} beside
	 * a {@code serve}) never run the same job at once: a PostgreSQL advisory lock on a
	 * connection of its own, which a process that dies gives back with the connection. In
	 * an H2 file, which one process opens at a time, there is nothing to hold.
	 * @throws IllegalStateException when another process runs the job
	 */
	public AutoCloseable holdJob(String jobName) throws SQLException {
		if (!this.dialect.shared()) {
			return () -> {
			};
		}
		long key = Long.parseLong(Hashes.sha256Hex("nachtbrief-job:" + jobName).substring(0, 15), 16);
		Connection connection = this.dataSource.getConnection();
		boolean held = false;
		try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, key);
			try (ResultSet result = lock.executeQuery()) {
				held = result.next() && result.getBoolean(1);
			}
		}
		finally {
			if (!held) {
				connection.close();
			}
		}
		if (!held) {
			throw new IllegalStateException("job '" + jobName
					+ "' is running in another process on this state database; it runs once at a time");
		}
		return () -> {
			try (Connection holding = connection;
					PreparedStatement unlock = holding.prepareStatement("SELECT pg_advisory_unlock(?)")) {
				unlock.setLong(1, key);
				unlock.execute();
			}
		};
	}

	/** Whether other processes may be running jobs on the same database. */
	public boolean databaseShared() {
		return this.dialect.shared();
	}

	/** A recovered execution's lease, if its process left one. */
	public void forget(JobExecution execution) {
		this.jdbc.sql("DELETE FROM NB_RUN_LEASE WHERE JOB_EXECUTION_ID = ?").param(execution.getId()).update();
	}

	/** Whether this process runs the execution. */
	public boolean holds(JobExecution execution) {
		return this.held.contains(execution.getId());
	}

	/**
	 * Whether the execution, marked running, was left so by a process that ended. One
	 * just created may not hold its lease yet: it gets {@link #EXPIRES_AFTER} to take it.
	 */
	public boolean abandoned(JobExecution execution) {
		if (!this.dialect.shared()) {
			return true;
		}
		if (holds(execution)) {
			return false;
		}
		OffsetDateTime now = this.jdbc.sql("SELECT CURRENT_TIMESTAMP").query(OffsetDateTime.class).single();
		OffsetDateTime renewed = this.jdbc.sql("SELECT RENEWED_AT FROM NB_RUN_LEASE WHERE JOB_EXECUTION_ID = ?")
			.param(execution.getId())
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		if (renewed == null) {
			LocalDateTime created = execution.getCreateTime();
			return created == null || created.isBefore(LocalDateTime.now().minus(EXPIRES_AFTER));
		}
		return renewed.isBefore(now.minus(EXPIRES_AFTER));
	}

	private void renew() {
		if (this.held.isEmpty()) {
			return;
		}
		try {
			this.jdbc.sql("UPDATE NB_RUN_LEASE SET RENEWED_AT = CURRENT_TIMESTAMP WHERE HOLDER = ?")
				.param(this.holder)
				.update();
		}
		catch (RuntimeException ex) {
			// The next renewal tries again; a lease expires only after several misses.
			log.warn("Could not renew the leases of the runs in progress: {}", RunFailure.rootMessage(ex));
		}
	}

	@Override
	public void close() {
		this.renewal.shutdownNow();
	}

	private static String holderName() {
		String host = System.getenv("HOSTNAME");
		try {
			host = (host != null && !host.isBlank()) ? host : InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

}
