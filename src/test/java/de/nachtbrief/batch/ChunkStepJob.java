package de.nachtbrief.batch;

import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.digest.DigestWriter;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.ingest.SourceLifecycle;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;

/**
 * The briefing job with the same steps, processor and writer as {@link BriefingJob},
 * except that {@code brief} is one plain chunk step instead of a partition. With a task
 * executor, Batch 6 processes the items of each chunk in parallel and writes the chunk
 * when its last item is done.
 */
final class ChunkStepJob {

	private ChunkStepJob() {
	}

	static Job build(JobRepository repository, PlatformTransactionManager transactions, DocumentStore store,
			RunPlan plan, Briefer briefer, int chunkSize, AsyncTaskExecutor executor) {
		BriefFiles briefFiles = new BriefFiles(plan.outputFolder(), plan.definition().output().formats());
		DigestWriter digestWriter = new DigestWriter(plan.outputFolder(), plan.definition().output().formats());
		ConcurrentLinkedQueue<DocumentRecord> pending = new ConcurrentLinkedQueue<>();
		RunProgress progress = new RunProgress();
		RunMeters meters = new RunMeters(new SimpleMeterRegistry(), plan.jobName());
		ChunkOrientedStepBuilder<DocumentRecord, DocumentOutcome> brief = new StepBuilder("brief", repository)
			.<DocumentRecord, DocumentOutcome>chunk(chunkSize)
			.transactionManager(transactions)
			.reader(pending::poll)
			.processor(new BriefProcessor(plan, new DocumentExtractor(plan.definition().extraction().maxCharacters()),
					briefer, "USD", progress, null, null))
			.writer(new OutcomeWriter(plan, briefFiles, store,
					new SourceLifecycle(plan.inputFolder(), plan.outputFolder()), progress, meters))
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					pending.addAll(store.pending(RunIds.of(stepExecution)));
				}
			});
		if (executor != null) {
			brief.taskExecutor(executor);
		}
		return new JobBuilder(BriefingJob.NAME, repository)
			.start(new StepBuilder("discover", repository)
				.tasklet(new DiscoverTasklet(plan, store, meters), transactions)
				.build())
			.next(brief.build())
			.next(new StepBuilder("digest", repository)
				.tasklet(new DigestTasklet(plan, store, briefFiles, digestWriter, "USD", progress, null), transactions)
				.build())
			.build();
	}

}
