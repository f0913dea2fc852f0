package de.nachtbrief.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.convert.DurationStyle;

import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.extract.ExtractionException;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.ProviderBatch;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;

/**
 * A job in batch mode sends the call that briefs each pending document as one batch to
 * the summarizer's provider, waits for it, and files its answers in the ledger; the brief
 * step then finds them there and checks and writes them as any answer. The batch's id is
 * kept in H2, so a restarted run waits for the batch it sent instead of sending another.
 * What the batch leaves unanswered (failed or expired requests, a long document's calls,
 * a batch that took longer than {@code batch-wait}) is asked directly by the brief step.
 * Each {@link #execute} call asks the provider once, so no transaction is held for the
 * hours a batch may take.
 */
class BatchTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(BatchTasklet.class);

	/** The status a batch gets when the run stopped waiting for it. */
	private static final String GIVEN_UP = "given up";

	private final RunPlan plan;

	private final DocumentStore store;

	private final DocumentExtractor extractor;

	private final CallLedger ledger;

	private final RunProgress progress;

	/** The run's budget, or null. */
	private final RunBudget budget;

	/**
	 * When this process began waiting; the batch is given up {@code batch-wait} later.
	 */
	private Instant waitingSince;

	private ProviderBatch.Status lastSeen;

	/**
	 * @param budget the run's budget, or null
	 */
	BatchTasklet(RunPlan plan, DocumentStore store, DocumentExtractor extractor, CallLedger ledger,
			RunProgress progress, RunBudget budget) {
		this.plan = plan;
		this.store = store;
		this.extractor = extractor;
		this.ledger = ledger;
		this.progress = progress;
		this.budget = budget;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		Optional<BatchRequests> requests = BatchRequests.of(this.plan, this.ledger);
		if (requests.isEmpty()) {
			logger.warn("Backend '{}' has no batch API (batch mode needs an openai backend); briefing directly",
					this.plan.summarize().name());
			return RepeatStatus.FINISHED;
		}
		ProviderBatch batches = requests.get().batches();
		long run = RunIds.of(contribution.getStepExecution());
		Optional<CallLedger.Batch> sent = this.ledger.batchOf(run);
		if (sent.isEmpty()) {
			return send(requests.get(), run);
		}
		if (isOver(sent.get().status())) {
			return RepeatStatus.FINISHED;
		}
		return poll(batches, sent.get());
	}

	/** Sends the documents' calls that are not answered yet as one batch. */
	private RepeatStatus send(BatchRequests batch, long run) {
		ProviderBatch batches = batch.batches();
		List<ProviderBatch.Request> requests = requests(batch, run);
		if (requests.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		String id;
		try {
			id = batches.submit(requests);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the batch to backend '{}' ({}); briefing directly", batches.backendName(),
					reason(ex));
			return RepeatStatus.FINISHED;
		}
		this.ledger.recordBatch(new CallLedger.Batch(id, run, batches.backendName(), "validating", requests.size(), 0));
		logger.info("Sent {} documents to backend '{}' as batch {}; waiting for its answers (asking every {})",
				requests.size(), batches.backendName(), id, DurationStyle.SIMPLE.print(batches.pollInterval()));
		return RepeatStatus.CONTINUABLE;
	}

	/**
	 * The call that briefs each pending document whole, once per distinct request, unless
	 * its answer is already in the ledger; under a budget, only as many as it covers at
	 * the batch price (the brief step then holds the rest to it as usual).
	 */
	private List<ProviderBatch.Request> requests(BatchRequests batch, long run) {
		Map<String, ProviderBatch.Request> requests = new LinkedHashMap<>();
		ModelBackend translator = this.plan.translate().isExtractive() ? null : this.plan.translate().model();
		ModelBriefer estimates = ModelBriefer.alone(this.plan.summarize().model(), translator);
		double committed = 0;
		for (DocumentRecord record : this.store.pending(run)) {
			ExtractedDocument document;
			try {
				document = this.extractor.extract(this.plan.inputFolder().resolve(record.path()));
			}
			catch (ExtractionException ex) {
				// The brief step records why, and moves the file.
				continue;
			}
			Optional<ProviderBatch.Request> request = batch.requestFor(document)
				.filter((call) -> !batch.isAnswered(call));
			if (request.isEmpty() || requests.containsKey(request.get().key())) {
				continue;
			}
			if (this.budget != null) {
				double cost = estimates.estimatedCost(document, this.plan.definition().brief(), this.plan.languages())
						* this.plan.priceFactor();
				if (committed + cost > this.budget.limit()) {
					logger.info("The batch holds the {} documents the run's budget of {} covers at the batch price",
							requests.size(), this.budget.limit());
					break;
				}
				committed += cost;
			}
			requests.put(request.get().key(), request.get());
		}
		return new ArrayList<>(requests.values());
	}

	/**
	 * Asks the provider how the batch is doing; when it is over, files its answers, and
	 * when it took too long, cancels it.
	 */
	private RepeatStatus poll(ProviderBatch batches, CallLedger.Batch sent) throws InterruptedException {
		if (this.waitingSince == null) {
			this.waitingSince = Instant.now();
		}
		if (this.progress.stopReason() != null) {
			return RepeatStatus.FINISHED;
		}
		ProviderBatch.Status status;
		try {
			status = batches.status(sent.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not ask backend '{}' about batch {} ({}); asking again in {}", batches.backendName(),
					sent.id(), reason(ex), DurationStyle.SIMPLE.print(batches.pollInterval()));
			return waitAndContinue(batches, sent);
		}
		if (this.lastSeen == null || !this.lastSeen.equals(status)) {
			logger.info("Batch {}: {}, {} of {} requests answered, {} failed", sent.id(), status.status(),
					status.completed(), status.total(), status.failed());
			this.lastSeen = status;
		}
		if (status.isFinal()) {
			Usage filed = batches.file(status, this.ledger);
			if (this.budget != null) {
				this.budget.prepaid(filed.cost());
			}
			this.ledger.recordBatch(new CallLedger.Batch(sent.id(), sent.run(), sent.backend(), status.status(),
					sent.requests(), filed.calls()));
			logger.info("Batch {} is {}: {} of {} answers filed{}", sent.id(), status.status(), filed.calls(),
					sent.requests(),
					(filed.calls() < sent.requests()) ? "; the brief step asks the rest directly" : "");
			return RepeatStatus.FINISHED;
		}
		this.ledger.recordBatch(
				new CallLedger.Batch(sent.id(), sent.run(), sent.backend(), status.status(), sent.requests(), 0));
		return waitAndContinue(batches, sent);
	}

	private RepeatStatus waitAndContinue(ProviderBatch batches, CallLedger.Batch sent) throws InterruptedException {
		Duration waited = Duration.between(this.waitingSince, Instant.now());
		if (waited.compareTo(batches.maxWait()) >= 0) {
			String status = GIVEN_UP;
			try {
				status = batches.cancel(sent.id()).status();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not cancel batch {}: {}", sent.id(),
						ApiKeys.redact(String.valueOf(ex.getMessage())));
			}
			this.ledger
				.recordBatch(new CallLedger.Batch(sent.id(), sent.run(), sent.backend(), GIVEN_UP, sent.requests(), 0));
			logger.warn("Batch {} was not done after {} ({}); briefing its documents directly", sent.id(),
					DurationStyle.SIMPLE.print(batches.maxWait()), status);
			return RepeatStatus.FINISHED;
		}
		Thread.sleep(batches.pollInterval().toMillis());
		return RepeatStatus.CONTINUABLE;
	}

	/** Why a request to the provider failed, in one line, with its HTTP status. */
	private static String reason(RuntimeException ex) {
		String message = (ex instanceof HttpException http)
				? "HTTP " + http.statusCode()
						+ (http.getMessage() == null || http.getMessage().isBlank() ? "" : ": " + http.getMessage())
				: String.valueOf(ex.getMessage());
		return ApiKeys.redact(message.replaceAll("\\s+", " ").strip());
	}

	/** Whether the run is done with this batch: its answers were filed, or it gave up. */
	private static boolean isOver(String status) {
		return GIVEN_UP.equals(status) || ProviderBatch.Status.isFinal(status);
	}

}
