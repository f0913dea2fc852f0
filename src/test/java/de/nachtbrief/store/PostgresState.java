package de.nachtbrief.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh database on a real PostgreSQL server that the tests start themselves (one per
 * test JVM, as there is no Docker here), made the state database of every command run
 * in-process while this is open: {@code spring.datasource.url} as a system property, as
 * an operator would set it in the environment.
 */
public final class PostgresState implements AutoCloseable {

	private static EmbeddedPostgres server;

	private final String database = "nb_" + UUID.randomUUID().toString().replace("-", "");

	private PostgresState() {
		JdbcClient.create(server().getPostgresDatabase()).sql("CREATE DATABASE " + this.database).update();
		System.setProperty("spring.datasource.url", url());
		System.setProperty("spring.datasource.username", "postgres");
		System.setProperty("spring.datasource.password", "postgres");
	}

	public static PostgresState open() {
		return new PostgresState();
	}

	public String url() {
		return server().getJdbcUrl("postgres", this.database);
	}

	/** The database as another process would see it. */
	public JdbcClient jdbc() {
		return JdbcClient.create(server().getDatabase("postgres", this.database));
	}

	@Override
	public void close() {
		System.clearProperty("spring.datasource.url");
		System.clearProperty("spring.datasource.username");
		System.clearProperty("spring.datasource.password");
	}

	/** Started once and stopped with the JVM: a start takes seconds. */
	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			// Its start-up says every step of initdb at INFO.
			((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
			try {
				server = EmbeddedPostgres.builder().start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("embedded PostgreSQL did not start", ex);
			}
			EmbeddedPostgres started = server;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// The JVM is ending; the server's folder is temporary.
				}
			}));
		}
		return server;
	}

}
