package de.nachtbrief.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's budget when workers brief it: each worker holds its own {@link RunBudget}, all
 * on one row of the shared database, and together they never admit more than the cap.
 */
class SharedBudgetTests {

	private PostgresState state;

	private DataSource dataSource;

	@BeforeEach
	void database() {
		this.state = PostgresState.open();
		this.dataSource = new DriverManagerDataSource(this.state.url(), "postgres", "postgres");
		new ResourceDatabasePopulator(new ClassPathResource("schema-nachtbrief.sql")).execute(this.dataSource);
	}

	@AfterEach
	void close() {
		this.state.close();
	}

	@Test
	void workersDrawOnOneBudgetAndTheFirstToCrossItClosesItForAll() {
		budget(0).startAttempt(7);
		RunBudget first = budget(7);
		RunBudget second = budget(7);

		assertThat(first.admit(0.4)).isTrue();
		assertThat(second.admit(0.4)).isTrue();
		assertThat(first.admit(0.4)).as("0.4 + 0.4 + 0.4 would cross 1.0").isFalse();

		assertThat(second.isClosed()).as("closed for the other worker too").isTrue();
		assertThat(second.admit(0.01)).isFalse();
		first.settle(0.4, 0.3);
		assertThat(second.estimated()).isEqualTo(0.8);
	}

	@Test
	void manyThreadsAtOnceAdmitExactlyWhatFits() throws Exception {
		budget(0).startAttempt(8);
		ExecutorService workers = Executors.newFixedThreadPool(6);
		List<Future<Boolean>> admitted = new ArrayList<>();
		for (int document = 0; document < 40; document++) {
			RunBudget budget = budget(8);
			admitted.add(workers.submit(() -> budget.admit(0.1)));
		}
		long count = 0;
		for (Future<Boolean> each : admitted) {
			count += each.get() ? 1 : 0;
		}
		workers.shutdown();
		// 0.1 is not exact in binary, but DECIMAL columns add it exactly: ten fit in 1.0.
		assertThat(count).isEqualTo(10);
	}

	@Test
	void aNewAttemptStartsAtZero() {
		RunBudget manager = budget(0);
		manager.startAttempt(9);
		assertThat(budget(9).admit(1.0)).isTrue();
		assertThat(manager.isClosed()).isFalse();
		assertThat(budget(9).admit(0.5)).isFalse();

		manager.startAttempt(9);

		assertThat(manager.isClosed()).isFalse();
		assertThat(budget(9).admit(0.5)).isTrue();
	}

	private RunBudget budget(long run) {
		return RunBudget.shared(1.0, JdbcClient.create(this.dataSource),
				new DataSourceTransactionManager(this.dataSource), run);
	}

}
