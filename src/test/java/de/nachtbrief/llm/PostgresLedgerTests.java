package de.nachtbrief.llm;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import de.nachtbrief.store.PostgresState;
import de.nachtbrief.store.StateDialect;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's writes that replace a row when its key is already there, on PostgreSQL,
 * which has no MERGE before version 15: each first written, then written again.
 */
class PostgresLedgerTests {

	private PostgresState state;

	private CallLedger ledger;

	@BeforeEach
	void ledgerOnPostgres() {
		this.state = PostgresState.open();
		DataSource dataSource = new DriverManagerDataSource(this.state.url(), "postgres", "postgres");
		new ResourceDatabasePopulator(new ClassPathResource("schema-nachtbrief.sql")).execute(dataSource);
		assertThat(StateDialect.of(dataSource)).isEqualTo(StateDialect.POSTGRESQL);
		this.ledger = new CallLedger(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
				StateDialect.POSTGRESQL);
	}

	@AfterEach
	void close() {
		this.state.close();
	}

	@Test
	void answersExchangesAndBatchesAreWrittenAndReplaced() {
		this.ledger.record("call", "prompt", "openai", "m", "{\"a\":1}", new Usage(10, 5, 1));
		this.ledger.record("call", "prompt", "openai", "m", "{\"a\":2}", new Usage(10, 5, 1));
		assertThat(this.ledger.find("call")).get().extracting(CallLedger.Stored::answerJson).isEqualTo("{\"a\":2}");
		assertThat(this.ledger.size()).isEqualTo(1);

		this.ledger.recordExchange("x", "openai", "m", new CallLedger.Exchange("raw", "stop"), new Usage(10, 5, 1));
		this.ledger.recordBatchAnswer("x", "openai", "m", new CallLedger.Exchange("batch", "stop"),
				new Usage(7, 3, 1, 0.25, 2));
		CallLedger.Exchange prepaid = this.ledger.findExchange("x").orElseThrow();
		assertThat(prepaid.answer()).isEqualTo("batch");
		assertThat(prepaid.prepaid()).isTrue();
		assertThat(prepaid.usage().cost()).isEqualTo(0.25);
		this.ledger.usedBatchAnswer("x");
		assertThat(this.ledger.findExchange("x").orElseThrow().prepaid()).isFalse();

		this.ledger.recordBatch(new CallLedger.Batch("b1", 7, "openai", "validating", 3, 0));
		this.ledger.recordBatch(new CallLedger.Batch("b1", 7, "openai", "completed", 3, 3));
		assertThat(this.ledger.batchOf(7)).get().extracting(CallLedger.Batch::status).isEqualTo("completed");
	}

}
