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
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;

/**
 * Writes each brief's files, then records the outcome in H2 in the chunk's transaction.
 * Should the process die in between, the document stays pending and is briefed again into
 * the same file names. The source file is moved only once the outcome is committed.
 */
class OutcomeWriter implements ItemWriter<DocumentOutcome> {

	private static final Logger logger = LoggerFactory.getLogger(OutcomeWriter.class);

	/** After this many runs whose model failed a document, it fails for good. */
	static final int MODEL_TRIES = 3;

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
		int pending = 0;
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
				this.store.markBriefed(id, path, headline, summarizer.backend(), summarizer.model(), outcome.usage(),
						outcome.durationMs());
				briefed++;
				if (input.afterSuccess() == JobDefinition.AfterSuccess.ARCHIVE) {
					afterCommit(() -> this.lifecycle.archive(source));
				}
			}
			else if (leftPending(outcome)) {
				pending++;
				continue;
			}
			else {
				String reason = outcome.failure();
				if (outcome.cause() == DocumentOutcome.Cause.MODEL) {
					reason = reason + "; tried in " + MODEL_TRIES + " runs";
				}
				this.store.markFailed(id, reason, outcome.usage(), outcome.durationMs());
				failed++;
				if (input.afterFailure() == JobDefinition.AfterFailure.MOVE) {
					String note = reason;
					afterCommit(() -> this.lifecycle.fail(source, note, advice(outcome.cause()),
							outcome.record().runId(), this.plan.jobName()));
				}
			}
			this.progress.documentDone(outcome.isBriefed(), outcome.usage().totalTokens());
		}
		this.meters.briefed(briefed);
		this.meters.failed(failed);
		this.progress.leftPending(pending);
	}

	/**
	 * Leaves a document whose failure is not the file's for a next run: always when the
	 * backend is down or the run reached its budget, and up to {@link #MODEL_TRIES} runs
	 * when the model failed it.
	 */
	private boolean leftPending(DocumentOutcome outcome) {
		DocumentRecord record = outcome.record();
		if (outcome.cause() == DocumentOutcome.Cause.BACKEND_DOWN || outcome.cause() == DocumentOutcome.Cause.BUDGET) {
			String reason = (outcome.cause() == DocumentOutcome.Cause.BACKEND_DOWN)
					? "the backend is down: " + outcome.failure() : outcome.failure();
			// Not the model's fault: the document's tries stay as they were.
			this.store.markLeftPending(record.id(), reason,
					this.store.modelTries(this.plan.jobName(), record.path(), record.sha256()));
			return true;
		}
		if (outcome.cause() != DocumentOutcome.Cause.MODEL) {
			return false;
		}
		int tries = this.store.modelTries(this.plan.jobName(), record.path(), record.sha256()) + 1;
		if (tries >= MODEL_TRIES) {
			return false;
		}
		this.store.markLeftPending(record.id(),
				"left for the next run (" + tries + " of " + MODEL_TRIES + " runs): " + outcome.failure(), tries);
		return true;
	}

	private static String advice(DocumentOutcome.Cause cause) {
		return switch (cause) {
			case TOO_LONG -> "the text is too long for the model's context window: split the file into parts, "
					+ "lower the job's extraction max-characters, or use a backend or model with a larger "
					+ "context-window; then put it back into the input folder.";
			case MODEL -> "the file itself is fine, but the model's answers for it were unusable (or its calls ran "
					+ "out of time) in " + MODEL_TRIES + " runs. Brief it with another backend or model "
					+ "(--backend, --model), or check the backend's log; then put it back into the input folder "
					+ "(with --force to brief it even if its content was briefed before).";
			case BACKEND_DOWN -> "the backend was down; put the file back into the input folder and run again "
					+ "once the backend answers.";
			case BUDGET -> "the run reached its budget; the next run briefs the file.";
			case FILE -> SourceLifecycle.FILE_ADVICE;
		};
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
