package de.nachtbrief.batch;

import java.math.BigDecimal;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefSet;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.brief.Timestamps;
import de.nachtbrief.digest.Fingerprint;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.extract.ExtractionException;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.BackendUnavailableException;
import de.nachtbrief.llm.ContextTooLongException;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentRecord;

/**
 * Extracts, cleans and briefs one document. A problem with the file becomes a recorded
 * failure and the run goes on; a problem with the model's answers, or a call that ran out
 * of its budget, leaves the document for the next run; a backend that is down as a whole,
 * or a state database that fails, stops the run, leaving this and every document after it
 * pending. With a {@code budget}, each document's cost is estimated before it is sent;
 * the first that would cross the budget, and every one after it, is left for the next
 * run.
 */
class BriefProcessor implements ItemProcessor<DocumentRecord, DocumentOutcome> {

	private static final Logger logger = LoggerFactory.getLogger(BriefProcessor.class);

	private final RunPlan plan;

	private final DocumentExtractor extractor;

	private final Briefer briefer;

	private final String currency;

	private final RunProgress progress;

	private final RunBudget budget;

	/** In batch mode, the batch's requests; else null. */
	private final BatchRequests batch;

	/**
	 * @param budget the run's budget, or null
	 * @param batch in batch mode, the batch's requests; else null
	 */
	BriefProcessor(RunPlan plan, DocumentExtractor extractor, Briefer briefer, String currency, RunProgress progress,
			RunBudget budget, BatchRequests batch) {
		this.budget = budget;
		this.batch = batch;
		this.plan = plan;
		this.progress = progress;
		this.extractor = extractor;
		this.briefer = briefer;
		this.currency = currency;
	}

	@Override
	public DocumentOutcome process(DocumentRecord record) {
		long started = System.nanoTime();
		if (this.progress.stopReason() != null) {
			return DocumentOutcome.failed(record, this.progress.stopReason(), DocumentOutcome.Cause.BACKEND_DOWN,
					Usage.NONE, 0);
		}
		if (this.budget != null && this.budget.isClosed()) {
			return overBudget(record);
		}
		ExtractedDocument document;
		try {
			document = this.extractor.extract(this.plan.inputFolder().resolve(record.path()));
		}
		catch (ExtractionException ex) {
			logger.warn("Could not read {}: {}", record.path(), ex.getMessage());
			return DocumentOutcome.failed(record, ex.getMessage(), DocumentOutcome.Cause.FILE, Usage.NONE,
					millisSince(started));
		}
		long extracted = System.nanoTime();
		double estimate = 0;
		// A document the batch answered was admitted, and paid for, with the batch.
		boolean admitted = this.budget == null || (this.batch != null && this.batch.isPrepaid(document));
		if (!admitted) {
			estimate = this.briefer.estimatedCost(document, this.plan.definition().brief(), this.plan.languages());
			boolean wasOpen = !this.budget.isClosed();
			if (!this.budget.admit(estimate)) {
				if (wasOpen) {
					logger.info(
							"Sending no more documents: the run reached its budget of {} {} ({} would cost"
									+ " about {} {} more)",
							limit(), this.currency, FileNames.shown(record.path()), "%,.4f".formatted(estimate),
							this.currency);
				}
				return overBudget(record);
			}
		}
		Usage spent = Usage.NONE;
		try {
			BriefSet briefs = this.briefer.brief(document, this.plan.definition().brief(), this.plan.languages());
			spent = briefs.usage();
			long total = millisSince(started);
			return DocumentOutcome.briefed(record,
					toDocument(record, document, briefs, millis(extracted - started), millisSince(extracted), total),
					briefs.usage(), total);
		}
		catch (BackendUnavailableException ex) {
			String reason = ApiKeys.redact(ex.getMessage());
			this.progress.stopSending(reason);
			return DocumentOutcome.failed(record, reason, DocumentOutcome.Cause.BACKEND_DOWN, Usage.NONE,
					millisSince(started));
		}
		catch (ContextTooLongException ex) {
			return failed(record, ex, DocumentOutcome.Cause.TOO_LONG, started);
		}
		catch (ModelAnswerException ex) {
			// Exhausted calls included: neither is the file's fault.
			spent = ex.usage() != null ? ex.usage() : Usage.NONE;
			return failed(record, ex, DocumentOutcome.Cause.MODEL, started);
		}
		catch (DataAccessException | TransactionException ex) {
			// Neither the file's fault nor the model's: stop sending, leave the documents
			// pending.
			String reason = "the state database failed: " + RunFailure.rootMessage(ex);
			logger.warn("Could not brief {}: {}", record.path(), reason);
			this.progress.stopSending(reason);
			return DocumentOutcome.failed(record, reason, DocumentOutcome.Cause.BACKEND_DOWN, Usage.NONE,
					millisSince(started));
		}
		catch (RuntimeException ex) {
			String reason = "unexpected error while briefing: " + ApiKeys.redact(ex.toString());
			logger.warn("Could not brief {}: {}", record.path(), reason);
			return DocumentOutcome.failed(record, reason, DocumentOutcome.Cause.FILE, Usage.NONE, millisSince(started));
		}
		finally {
			if (!admitted) {
				this.budget.settle(estimate, spent.cost());
			}
		}
	}

	/** The budget as the job file writes it: 0.05 stays 0.05, not 0.05000 or 0.1. */
	private String limit() {
		return BigDecimal.valueOf(this.budget.limit()).toPlainString();
	}

	/** Leaves the document for the next run: the budget is closed. */
	private DocumentOutcome overBudget(DocumentRecord record) {
		String reached = "the run reached its budget of " + limit() + " " + this.currency;
		this.progress.budgetReached(reached);
		String reason = reached + "; the next run briefs it";
		return DocumentOutcome.failed(record, reason, DocumentOutcome.Cause.BUDGET, Usage.NONE, 0);
	}

	private static DocumentOutcome failed(DocumentRecord record, ModelAnswerException ex, DocumentOutcome.Cause cause,
			long started) {
		String reason = ApiKeys.redact(ex.getMessage());
		logger.warn("Could not brief {}: {}", record.path(), reason);
		return DocumentOutcome.failed(record, reason, cause, ex.usage(), millisSince(started));
	}

	private BriefDocument toDocument(DocumentRecord record, ExtractedDocument document, BriefSet briefs, long extractMs,
			long briefMs, long totalMs) {
		BriefDocument.Source source = new BriefDocument.Source(record.path(), record.sha256(), record.sizeBytes(),
				document.mediaType(), document.title(), document.author(), document.date(), document.language(),
				document.text().length(), document.truncated(), Fingerprint.of(document.text()));
		BriefDocument.Backends backends = new BriefDocument.Backends(
				new BriefDocument.Role(briefs.summarizeBackend(), briefs.summarizeModel()),
				new BriefDocument.Role(briefs.translateBackend(), briefs.translateModel()));
		Usage usage = briefs.usage();
		return new BriefDocument(BriefDocument.SCHEMA_VERSION, record.runId(), Timestamps.now(Clock.systemUTC()),
				source, briefs.briefs(), backends,
				new BriefDocument.Tokens(usage.inputTokens(), usage.outputTokens(), usage.calls(), usage.cost(),
						this.currency, usage.cachedInputTokens()),
				new BriefDocument.Timings(extractMs, briefMs, totalMs), briefs.removedByCheck());
	}

	private static long millisSince(long startNanos) {
		return millis(System.nanoTime() - startNanos);
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
