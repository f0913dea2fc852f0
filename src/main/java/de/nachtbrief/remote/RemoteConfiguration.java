package de.nachtbrief.remote;

import jakarta.jms.ConnectionFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;

import de.nachtbrief.batch.RemotePartitions;

/**
 * The manager's side: with {@code nachtbrief.remote.partitions} above 0, a run's brief
 * step sends its partitions to the broker's queue instead of briefing them itself.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RemoteProperties.class)
class RemoteConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnExpression("${nachtbrief.remote.partitions:0} > 0")
	static class Manager {

		@Bean
		DirectChannel partitionsToWorkers() {
			return new DirectChannel();
		}

		@Bean
		IntegrationFlow partitionsToBroker(DirectChannel partitionsToWorkers, ConnectionFactory connectionFactory,
				RemoteProperties properties) {
			return IntegrationFlow.from(partitionsToWorkers)
				.transform(StepExecutionRequest.class, PartitionMessages::toJson)
				.handle(Jms.outboundAdapter(connectionFactory).destination(properties.queue()))
				.get();
		}

		@Bean
		RemotePartitions remotePartitions(DirectChannel partitionsToWorkers, RemoteProperties properties) {
			return new RemotePartitions(partitionsToWorkers, properties.partitions(), properties.pollInterval());
		}

	}

}
