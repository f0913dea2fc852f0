package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
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
 * A backend's requests-per-minute limit across processes: two throttles stand for two
 * workers calling the same provider. With the state database's buckets they share one
 * minute's worth; each with its own, they would send twice what the provider allows.
 */
class SharedLimitsTests {

	private static final BackendProperties.Backend SIXTY_A_MINUTE = ThrottleTests
		.backend(Map.of("requests-per-minute", "60"));

	@Test
	void twoWorkersOnPostgresShareOneMinutesWorth() throws InterruptedException {
		try (PostgresState state = PostgresState.open()) {
			DataSource dataSource = new DriverManagerDataSource(state.url(), "postgres", "postgres");
			assertSharedMinute(dataSource, StateDialect.POSTGRESQL);
		}
	}

	@Test
	void theSameBucketsWorkOnH2() throws InterruptedException {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		assertSharedMinute(dataSource, StateDialect.H2);
	}

	@Test
	void withBucketsOfTheirOwnTwoWorkersSendTwiceTheLimit() throws InterruptedException {
		StoppedClock clock = new StoppedClock();
		Throttle first = new Throttle("b", SIXTY_A_MINUTE, clock, RateBuckets.inProcess());
		Throttle second = new Throttle("b", SIXTY_A_MINUTE, clock, RateBuckets.inProcess());
		takeAlternately(first, second, 120);
		assertThat(clock.sleeps()).as("120 requests in the first moment").isEmpty();
	}

	private static void assertSharedMinute(DataSource dataSource, StateDialect dialect) throws InterruptedException {
		new ResourceDatabasePopulator(new ClassPathResource("schema-nachtbrief.sql")).execute(dataSource);
		StoppedClock clock = new StoppedClock();
		Throttle first = new Throttle("b", SIXTY_A_MINUTE, clock, shared(dataSource, dialect));
		Throttle second = new Throttle("b", SIXTY_A_MINUTE, clock, shared(dataSource, dialect));

		takeAlternately(first, second, 60);
		assertThat(clock.sleeps()).as("a minute's worth goes out at once, from both").isEmpty();
		first.acquire(0);
		first.release(false);

		assertThat(clock.sleeps()).as("the 61st waits for the shared bucket to refill")
			.singleElement()
			.isEqualTo(Duration.ofSeconds(1));
	}

	/**
	 * Time that moves only when a throttle sleeps: the database's own time per call would
	 * refill the bucket as the test goes.
	 */
	private static final class StoppedClock implements RetryClock {

		private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

		private final Instant start = Instant.parse("2026-12-04T03:00:00Z");

		@Override
		public Instant now() {
			return this.sleeps.stream().reduce(this.start, Instant::plus, (a, b) -> b);
		}

		@Override
		public void sleep(Duration duration) {
			this.sleeps.add(duration);
		}

		List<Duration> sleeps() {
			return List.copyOf(this.sleeps);
		}

	}

	private static RateBuckets shared(DataSource dataSource, StateDialect dialect) {
		return new SharedRateBuckets(JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
				dialect);
	}

	private static void takeAlternately(Throttle first, Throttle second, int requests) throws InterruptedException {
		for (int request = 0; request < requests; request++) {
			Throttle throttle = (request % 2 == 0) ? first : second;
			throttle.acquire(0);
			throttle.release(false);
		}
	}

}
