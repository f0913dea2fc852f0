package de.nachtbrief.batch;

import org.springframework.batch.core.step.StepExecution;

/**
 * A run is a Spring Batch job instance, so a restarted execution keeps its run id and its
 * documents.
 */
final class RunIds {

	private RunIds() {
	}

	static long of(StepExecution step) {
		return step.getJobExecution().getJobInstance().getInstanceId();
	}

}
