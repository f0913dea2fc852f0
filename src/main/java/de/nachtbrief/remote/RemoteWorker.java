package de.nachtbrief.remote;

import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;

/** What the worker command starts once its context is checked. */
public final class RemoteWorker {

	private RemoteWorker() {
	}

	/** Starts consuming the broker's partition queue. */
	public static void startTakingPartitions(ApplicationContext worker) {
		worker.getBean(WorkerConfiguration.PARTITIONS_FROM_BROKER, Lifecycle.class).start();
	}

}
