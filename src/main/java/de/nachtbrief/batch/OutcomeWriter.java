package de.nachtbrief.batch;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.store.DocumentStore;

/**
 * Writes each brief's files, then records the outcome in H2 in the chunk's transaction. Should the process die in
 * between, the document stays pending and is briefed again into the same file names.
 */
class OutcomeWriter implements ItemWriter<DocumentOutcome> {

	private final RunPlan plan;

	private final BriefFiles files;

	private final DocumentStore store;

	private final RunProgress progress;

	OutcomeWriter(RunPlan plan, BriefFiles files, DocumentStore store, RunProgress progress) {
		this.plan = plan;
		this.files = files;
		this.store = store;
		this.progress = progress;
	}

	@Override
	public void write(Chunk<? extends DocumentOutcome> outcomes) throws Exception {
		for (DocumentOutcome outcome : outcomes) {
			long id = outcome.record().id();
			if (outcome.isBriefed()) {
				String path = this.files.write(this.plan.date(), outcome.brief());
				this.store.markBriefed(id, path, this.plan.summarize().name(), this.plan.summarize().modelName(),
						outcome.usage().inputTokens(), outcome.usage().outputTokens(), outcome.usage().calls(),
						outcome.durationMs());
			}
			else {
				this.store.markFailed(id, outcome.failure(), outcome.usage().inputTokens(),
						outcome.usage().outputTokens(), outcome.usage().calls(), outcome.durationMs());
			}
			this.progress.documentDone(outcome.isBriefed(), outcome.usage().totalTokens());
		}
	}

}
