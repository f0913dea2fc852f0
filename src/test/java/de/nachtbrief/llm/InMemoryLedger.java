package de.nachtbrief.llm;

import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import de.nachtbrief.store.StateDialect;

/** A call ledger on a fresh in-memory H2 database with Nachtbrief's schema. */
final class InMemoryLedger {

	private InMemoryLedger() {
	}

	static CallLedger create() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("schema-nachtbrief.sql")).execute(dataSource);
		return new CallLedger(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
				StateDialect.H2);
	}

}
