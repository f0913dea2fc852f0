package de.nachtbrief.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * On PostgreSQL, one process at a time creates the schema: a manager and workers started
 * together would otherwise run the same {@code CREATE TABLE IF NOT EXISTS} at the same
 * moment, which PostgreSQL does not make safe. The lock is a session-level advisory lock,
 * taken as soon as the data source exists (before Spring Batch's and Nachtbrief's schema
 * scripts run) and given back once every bean is created; a process that dies gives it
 * back with its connection.
 */
public class SchemaLock implements BeanPostProcessor, SmartInitializingSingleton {

	/** Any number; the same in every process. */
	private static final long LOCK = 0x4e61636874L;

	private Connection holding;

	/** Every bean is made: a data source made later finds the schema in place. */
	private boolean schemaMade;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && this.holding == null && !this.schemaMade) {
			try {
				Connection connection = dataSource.getConnection();
				if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
					connection.close();
					return bean;
				}
				try (Statement statement = connection.createStatement()) {
					statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
				}
				this.holding = connection;
			}
			catch (SQLException ex) {
				// Not reachable yet: the schema scripts will say so.
			}
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.schemaMade = true;
		if (this.holding == null) {
			return;
		}
		try (Connection connection = this.holding; Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
		}
		catch (SQLException ex) {
			// Closing the connection gives the lock back as well.
		}
		this.holding = null;
	}

}
