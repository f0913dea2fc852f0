package de.nachtbrief.batch;

import java.time.Duration;

import org.springframework.messaging.MessageChannel;

/**
 * Where a run's brief step sends its partitions when workers brief them
 * ({@code nachtbrief.remote.partitions} above 0): the channel to the broker, how many
 * partitions a run is cut into, and how often the manager looks in the job repository
 * whether they are done.
 */
public record RemotePartitions(MessageChannel requests, int count, Duration pollInterval) {

}
