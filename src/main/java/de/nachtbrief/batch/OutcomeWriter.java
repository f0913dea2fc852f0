package de.nachtbrief.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.ingest.SourceLifecycle;
import de.nachtbrief.store.DocumentStore;

/**
 * Writes each brief's files, then records the outcome in H2 in the chunk's transaction.
 * Should the process die in between, the document stays pending and is briefed again into
 * the same file names. The source file is moved only once the outcome is committed.
 */
class OutcomeWriter implements ItemWriter<DocumentOutcome> {

	private static final Logger logger = LoggerFactory.getLogger(OutcomeWriter.class);

	private final RunPlan plan;

	private final BriefFiles files;

	private final DocumentStore store;

	private final SourceLifecycle lifecycle;

	private final RunProgress progress;

	private final RunMeters meters;

	OutcomeWriter(RunPlan plan, BriefFiles files, DocumentStore store, SourceLifecycle lifecycle, RunProgress progress,
			RunMeters meters) {
		this.plan = plan;
		this.files = files;
		this.store = store;
		this.lifecycle = lifecycle;
		this.progress = progress;
		this.meters = meters;
	}

	@Override
	public void write(Chunk<? extends DocumentOutcome> outcomes) throws Exception {
		JobDefinition.Input input = this.plan.definition().input();
		int briefed = 0;
		int failed = 0;
		for (DocumentOutcome outcome : outcomes) {
			long id = outcome.record().id();
			String source = outcome.record().path();
			if (outcome.isBriefed()) {
				String path = this.files.write(this.plan.date(), outcome.brief());
				BriefDocument.Role summarizer = outcome.brief().backends().summarize();
				String headline = outcome.brief()
					.briefs()
					.values()
					.stream()
					.findFirst()
					.map((localized) -> localized.brief().headline())
					.map((text) -> text.length() > 1000 ? text.substring(0, 1000) : text)
					.orElse(null);
				this.store.markBriefed(id, path, headline, summarizer.backend(), summarizer.model(),
						outcome.usage().inputTokens(), outcome.usage().outputTokens(), outcome.usage().calls(),
						outcome.usage().cost(), outcome.durationMs());
				briefed++;
				if (input.afterSuccess() == JobDefinition.AfterSuccess.ARCHIVE) {
					afterCommit(() -> this.lifecycle.archive(source));
				}
			}
			else {
				this.store.markFailed(id, outcome.failure(), outcome.usage().inputTokens(),
						outcome.usage().outputTokens(), outcome.usage().calls(), outcome.usage().cost(),
						outcome.durationMs());
				failed++;
				if (input.afterFailure() == JobDefinition.AfterFailure.MOVE) {
					afterCommit(() -> this.lifecycle.fail(source, outcome.failure(), outcome.record().runId(),
							this.plan.jobName()));
				}
			}
			this.progress.documentDone(outcome.isBriefed(), outcome.usage().totalTokens());
		}
		this.meters.briefed(briefed);
		this.meters.failed(failed);
	}

	private interface FileMove {

		void run() throws Exception;

	}

	/**
	 * Moving a file cannot be rolled back, so it waits until the outcome it follows from
	 * is committed.
	 */
	private static void afterCommit(FileMove move) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				try {
					move.run();
				}
				catch (Exception ex) {
					logger.warn("Could not move a source file after its outcome was recorded: {}", ex.toString());
				}
			}
		});
	}

}
