package de.nachtbrief.remote;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.PartitionWorker;
import de.nachtbrief.batch.RunPlanner;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.store.DocumentStore;

/**
 * The worker's side ({@code nachtbrief worker}): takes partitions from the broker's queue
 * and briefs them with Spring Batch's remote partitioning worker step.
 */
@Configuration(proxyBeanMethods = false)
@Profile("worker")
class WorkerConfiguration {

	static final String PARTITIONS_FROM_BROKER = "partitionsFromBrokerAdapter";

	@Bean
	DirectChannel partitionsFromManager() {
		return new DirectChannel();
	}

	/**
	 * A partition's message is acknowledged only when the worker has briefed it (a
	 * transacted session): if the worker dies, the broker hands it to another. Each
	 * consumer takes one message at a time (no prefetch), so an idle worker is never left
	 * waiting while a busy one holds partitions in its buffer.
	 */
	@Bean
	IntegrationFlow partitionsFromBroker(DirectChannel partitionsFromManager, ArtemisProperties artemis,
			RemoteProperties properties) {
		ActiveMQConnectionFactory connections = new ActiveMQConnectionFactory(artemis.getBrokerUrl(), artemis.getUser(),
				artemis.getPassword());
		connections.setConsumerWindowSize(0);
		return IntegrationFlow
			.from(Jms
				.messageDrivenChannelAdapter(Jms.container(connections, properties.queue())
					.sessionTransacted(true)
					.concurrentConsumers(properties.workerThreads())
					.maxConcurrentConsumers(properties.workerThreads()))
				// Started by the worker command once it has checked the state database.
				.id(PARTITIONS_FROM_BROKER)
				.autoStartup(false))
			.transform(String.class, PartitionMessages::fromJson)
			.channel(partitionsFromManager)
			.get();
	}

	@Bean
	PartitionWorker partitionWorker(RunPlanner planner, BriefingRunner runner, DocumentStore store,
			ObjectProvider<MeterRegistry> meters, BackendProperties backends,
			@Value("${nachtbrief.worker.jobs:jobs}") Path jobsFolder, JdbcClient jdbc,
			PlatformTransactionManager transactions) {
		return new PartitionWorker(planner, runner, store, meters.getIfAvailable(SimpleMeterRegistry::new),
				backends.currency(), jobsFolder, jdbc, transactions);
	}

	/** Named as the manager's partitions name their step. */
	@Bean
	Step briefDocument(JobRepository repository, PlatformTransactionManager transactions, PartitionWorker worker,
			DirectChannel partitionsFromManager, BeanFactory beanFactory) {
		return new RemotePartitioningWorkerStepBuilder("briefDocument", repository).beanFactory(beanFactory)
			.inputChannel(partitionsFromManager)
			.listener(worker)
			.tasklet(worker, transactions)
			.build();
	}

}
