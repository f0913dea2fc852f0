package de.nachtbrief.batch;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.llm.RateBuckets;
import de.nachtbrief.llm.SharedRateBuckets;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.SchemaLock;
import de.nachtbrief.store.StateDialect;

/**
 * Wires the briefing job onto Boot's JDBC job repository and job operator, and its meters
 * onto the context's {@link MeterRegistry}: Boot's, or one registered before the context
 * starts, so that a web context can show several job contexts' meters in one place.
 */
@Configuration(proxyBeanMethods = false)
class BriefingConfiguration {

	@Bean
	DocumentStore documentStore(JdbcClient jdbc) {
		return new DocumentStore(jdbc);
	}

	@Bean
	StateDialect stateDialect(DataSource dataSource) {
		return StateDialect.of(dataSource);
	}

	/** After Spring Batch's schema script, before the first run is numbered. */
	@Bean
	@DependsOnDatabaseInitialization
	UncachedSequences uncachedSequences(JdbcClient jdbc, StateDialect dialect) {
		return new UncachedSequences(jdbc, dialect);
	}

	/** Static: a post-processor must exist before the data source it locks. */
	@Bean
	static SchemaLock schemaLock() {
		return new SchemaLock();
	}

	/** Static: a post-processor must exist before the data source it sizes. */
	@Bean
	static StatePoolSize statePoolSize(ObjectProvider<BackendProperties> properties) {
		return new StatePoolSize(properties);
	}

	@Bean
	BackendRegistry backendRegistry(BackendProperties properties, ObjectProvider<MeterRegistry> meters, JdbcClient jdbc,
			PlatformTransactionManager transactions, StateDialect dialect) {
		// On a shared database, the per-minute limits hold for all processes together.
		RateBuckets buckets = dialect.shared() ? new SharedRateBuckets(jdbc, transactions, dialect)
				: RateBuckets.inProcess();
		return new BackendRegistry(properties, meters(meters), buckets);
	}

	@Bean
	RunPlanner runPlanner(BackendRegistry backends) {
		return new RunPlanner(backends);
	}

	@Bean
	CallLedger callLedger(JdbcClient jdbc, PlatformTransactionManager transactions, StateDialect dialect) {
		return new CallLedger(jdbc, transactions, dialect);
	}

	@Bean
	DryRun dryRun(DocumentStore store) {
		return new DryRun(store);
	}

	@Bean
	@DependsOnDatabaseInitialization
	RunLeases runLeases(JdbcClient jdbc, StateDialect dialect, DataSource dataSource) {
		return new RunLeases(jdbc, dialect, dataSource);
	}

	@Bean
	BriefingRunner briefingRunner(JobOperator operator, JobRepository repository,
			PlatformTransactionManager transactions, DocumentStore store, CallLedger ledger, DeliveryService delivery,
			BackendProperties properties, ObjectProvider<MeterRegistry> meters, RunLeases leases,
			ObjectProvider<RemotePartitions> remote, JdbcClient jdbc) {
		MeterRegistry registry = meters(meters);
		return new BriefingRunner(
				operator, repository, new BriefingJob(repository, transactions, store, delivery, registry,
						properties.currency(), ledger, leases, remote.getIfAvailable(), jdbc),
				ledger, registry, leases);
	}

	/**
	 * The context's registry; without one (no actuator), meters go to a registry nobody
	 * reads.
	 */
	private static MeterRegistry meters(ObjectProvider<MeterRegistry> meters) {
		return meters.getIfAvailable(SimpleMeterRegistry::new);
	}

}
