package de.nachtbrief.batch;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefSet;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.brief.Timestamps;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.extract.ExtractionException;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.BackendExhaustedException;
import de.nachtbrief.llm.BackendUnavailableException;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentRecord;

/**
 * Extracts, cleans and briefs one document. A problem with the document becomes a
 * recorded failure and the run goes on; a backend that cannot serve calls, or stays down
 * past its retry budget, stops the run with the document still pending.
 */
class BriefProcessor implements ItemProcessor<DocumentRecord, DocumentOutcome> {

	private static final Logger logger = LoggerFactory.getLogger(BriefProcessor.class);

	private final RunPlan plan;

	private final DocumentExtractor extractor;

	private final Briefer briefer;

	private final String currency;

	BriefProcessor(RunPlan plan, DocumentExtractor extractor, Briefer briefer, String currency) {
		this.plan = plan;
		this.extractor = extractor;
		this.briefer = briefer;
		this.currency = currency;
	}

	@Override
	public DocumentOutcome process(DocumentRecord record) {
		long started = System.nanoTime();
		ExtractedDocument document;
		try {
			document = this.extractor.extract(this.plan.inputFolder().resolve(record.path()));
		}
		catch (ExtractionException ex) {
			logger.warn("Could not read {}: {}", record.path(), ex.getMessage());
			return DocumentOutcome.failed(record, ex.getMessage(), Usage.NONE, millisSince(started));
		}
		long extracted = System.nanoTime();
		try {
			BriefSet briefs = this.briefer.brief(document, this.plan.definition().brief(), this.plan.languages());
			long total = millisSince(started);
			return DocumentOutcome.briefed(record,
					toDocument(record, document, briefs, millis(extracted - started), millisSince(extracted), total),
					briefs.usage(), total);
		}
		catch (BackendUnavailableException ex) {
			throw ex;
		}
		catch (BackendExhaustedException ex) {
			// Not the document's fault: it stays pending and the next run resumes it.
			throw new BackendUnavailableException(
					ApiKeys.redact(ex.getMessage()) + "; the run stops here and the next run resumes it", ex);
		}
		catch (ModelAnswerException ex) {
			String reason = ApiKeys.redact(ex.getMessage());
			logger.warn("Could not brief {}: {}", record.path(), reason);
			return DocumentOutcome.failed(record, reason, ex.usage(), millisSince(started));
		}
		catch (RuntimeException ex) {
			String reason = "unexpected error while briefing: " + ApiKeys.redact(ex.toString());
			logger.warn("Could not brief {}: {}", record.path(), reason);
			return DocumentOutcome.failed(record, reason, Usage.NONE, millisSince(started));
		}
	}

	private BriefDocument toDocument(DocumentRecord record, ExtractedDocument document, BriefSet briefs, long extractMs,
			long briefMs, long totalMs) {
		BriefDocument.Source source = new BriefDocument.Source(record.path(), record.sha256(), record.sizeBytes(),
				document.mediaType(), document.title(), document.author(), document.date(), document.language(),
				document.text().length(), document.truncated());
		BriefDocument.Backends backends = new BriefDocument.Backends(
				new BriefDocument.Role(briefs.summarizeBackend(), briefs.summarizeModel()),
				new BriefDocument.Role(briefs.translateBackend(), briefs.translateModel()));
		Usage usage = briefs.usage();
		return new BriefDocument(BriefDocument.SCHEMA_VERSION, record.runId(), Timestamps.now(Clock.systemUTC()),
				source, briefs.briefs(), backends,
				new BriefDocument.Tokens(usage.inputTokens(), usage.outputTokens(), usage.calls(), usage.cost(),
						this.currency),
				new BriefDocument.Timings(extractMs, briefMs, totalMs), briefs.removedByCheck());
	}

	private static long millisSince(long startNanos) {
		return millis(System.nanoTime() - startNanos);
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
