package de.nachtbrief.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nachtbrief.remote}: whether runs send their documents to workers, and how.
 *
 * @param partitions how many partitions a run's pending documents are cut into for the
 * workers; 0, the default, briefs them in the run's own process. More partitions than
 * worker threads spread the load evenly and lose less to a worker that dies.
 * @param queue the broker queue that carries the partitions
 * @param pollInterval how often the manager looks whether the partitions are done
 * @param workerThreads how many partitions a worker briefs at once
 */
@ConfigurationProperties("nachtbrief.remote")
public record RemoteProperties(@DefaultValue("0") int partitions, @DefaultValue("nachtbrief.partitions") String queue,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("1") int workerThreads) {

}
