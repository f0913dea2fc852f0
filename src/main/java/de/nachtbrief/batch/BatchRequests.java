package de.nachtbrief.batch;

import java.util.Optional;

import de.nachtbrief.brief.BriefRehearsal;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.ProviderBatch;

/**
 * A batch-mode run's requests: the call that briefs a document whole, as its batch line,
 * and whether the batch's answer to it waits in the ledger.
 */
final class BatchRequests {

	private final RunPlan plan;

	private final ProviderBatch batches;

	private final CallLedger ledger;

	private BatchRequests(RunPlan plan, ProviderBatch batches, CallLedger ledger) {
		this.plan = plan;
		this.batches = batches;
		this.ledger = ledger;
	}

	/**
	 * The run's requests, or empty unless it is in batch mode on a backend with batches.
	 */
	static Optional<BatchRequests> of(RunPlan plan, CallLedger ledger) {
		if (!plan.batchMode()) {
			return Optional.empty();
		}
		return plan.summarize().model().batch().map((batches) -> new BatchRequests(plan, batches, ledger));
	}

	ProviderBatch batches() {
		return this.batches;
	}

	/**
	 * The document's batch line; empty for a document too long for one call, whose later
	 * calls depend on the earlier ones' answers.
	 */
	Optional<ProviderBatch.Request> requestFor(ExtractedDocument document) {
		ModelBackend translator = this.plan.translate().isExtractive() ? null : this.plan.translate().model();
		return BriefRehearsal
			.onlyCall(document, this.plan.definition().brief(), this.plan.languages(), this.plan.summarize().model(),
					translator)
			.map((call) -> this.batches.request(call.prompt(), call.format()));
	}

	/**
	 * Whether the ledger holds an answer the brief step will use for the request: any
	 * answer, or in a fresh run, which asks again, only one a batch brought for it.
	 */
	boolean isAnswered(ProviderBatch.Request request) {
		return this.plan.fresh() ? this.batches.isPrepaid(request, this.ledger)
				: this.batches.isAnswered(request, this.ledger);
	}

	/**
	 * Whether the batch brought the document's answer and no document has used it yet: it
	 * was paid for, and admitted to the budget, with the batch.
	 */
	boolean isPrepaid(ExtractedDocument document) {
		return requestFor(document).filter((request) -> this.batches.isPrepaid(request, this.ledger)).isPresent();
	}

}
