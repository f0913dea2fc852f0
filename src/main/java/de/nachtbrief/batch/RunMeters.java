package de.nachtbrief.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A job's documents and runs in Micrometer, tagged with the job's name (bounded by the
 * job files), never with a file name.
 */
final class RunMeters {

	private final MeterRegistry meters;

	private final String job;

	RunMeters(MeterRegistry meters, String job) {
		this.meters = meters;
		this.job = job;
	}

	void briefed(int count) {
		documentsAfterCommit("briefed", count);
	}

	void failed(int count) {
		documentsAfterCommit("failed", count);
	}

	void skipped(int count) {
		documentsAfterCommit("skipped", count);
	}

	void ended(BatchStatus status) {
		Counter.builder("nachtbrief.runs")
			.description("Runs by how they ended: COMPLETED, FAILED or STOPPED")
			.tags("job", this.job, "status", status.name())
			.register(this.meters)
			.increment();
	}

	/**
	 * Counts only what was committed: a rolled-back chunk is written again, and would
	 * otherwise be counted twice.
	 */
	private void documentsAfterCommit(String outcome, int count) {
		if (count == 0) {
			return;
		}
		Counter documents = Counter.builder("nachtbrief.documents")
			.description("Documents by outcome: briefed, failed, or skipped as briefed before")
			.tags("job", this.job, "outcome", outcome)
			.register(this.meters);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			documents.increment(count);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				documents.increment(count);
			}
		});
	}

}
