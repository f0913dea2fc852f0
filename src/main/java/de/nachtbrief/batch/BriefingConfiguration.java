package de.nachtbrief.batch;

import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.store.DocumentStore;

/** Wires the briefing job onto Boot's JDBC job repository and job operator. */
@Configuration(proxyBeanMethods = false)
class BriefingConfiguration {

	@Bean
	DocumentStore documentStore(JdbcClient jdbc) {
		return new DocumentStore(jdbc);
	}

	@Bean
	BackendRegistry backendRegistry(BackendProperties properties) {
		return new BackendRegistry(properties);
	}

	@Bean
	RunPlanner runPlanner(BackendRegistry backends) {
		return new RunPlanner(backends);
	}

	@Bean
	CallLedger callLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
		return new CallLedger(jdbc, transactions);
	}

	@Bean
	BriefingRunner briefingRunner(JobOperator operator, JobRepository repository,
			PlatformTransactionManager transactions, DocumentStore store, CallLedger ledger, DeliveryService delivery) {
		return new BriefingRunner(operator, repository, new BriefingJob(repository, transactions, store, delivery),
				ledger);
	}

}
