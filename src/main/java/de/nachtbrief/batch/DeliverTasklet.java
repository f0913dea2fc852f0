package de.nachtbrief.batch;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import de.nachtbrief.definition.Language;
import de.nachtbrief.delivery.Delivery;
import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.delivery.OutboxEntry;
import de.nachtbrief.digest.DigestWriter;
import de.nachtbrief.digest.RunReport;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * Enqueues the run's digests for the job's recipients, delivers what is pending, and adds
 * what became of the run's messages to its report. A delivery that fails is recorded in
 * {@code NB_OUTBOX} and never fails the run: the briefs are written either way.
 */
class DeliverTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(DeliverTasklet.class);

	private final RunPlan plan;

	private final DocumentStore store;

	private final DeliveryService delivery;

	private final DigestWriter digests;

	DeliverTasklet(RunPlan plan, DocumentStore store, DeliveryService delivery, DigestWriter digests) {
		this.plan = plan;
		this.store = store;
		this.delivery = delivery;
		this.digests = digests;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long run = RunIds.of(contribution.getStepExecution());
		Delivery recipients = this.plan.definition().delivery();
		String skipped = null;
		try {
			List<String> languages = this.plan.languages().stream().map(Language::code).toList();
			int newBriefs = this.store.inRun(run, DocumentStatus.BRIEFED).size();
			skipped = DeliveryService.skipReason(recipients, newBriefs);
			this.delivery.enqueue(run, this.plan.date(), this.plan.outputFolder(), languages, recipients, newBriefs);
			DeliveryService.Outcome outcome = this.delivery.deliverPending();
			if (outcome.sent() + outcome.failed() + outcome.uncertain() > 0) {
				logger.info("Run {}: {} digest message(s) sent, {} failed, {} uncertain", run, outcome.sent(),
						outcome.failed(), outcome.uncertain());
			}
		}
		catch (Exception ex) {
			logger.warn("Run {}: digests not delivered: {}", run, ex.getClass().getSimpleName());
		}
		addToReport(run, skipped);
		return RepeatStatus.FINISHED;
	}

	/**
	 * Rewrites the run report with the run's messages as the outbox holds them now; a
	 * report left without them is no reason to fail the run either.
	 */
	private void addToReport(long run, String skipped) {
		try {
			List<RunReport.DigestMessage> messages = this.delivery.entriesOf(run)
				.stream()
				.map(DeliverTasklet::reported)
				.toList();
			this.digests.writeReport(this.digests.readReport(run).withDeliveries(messages, skipped));
		}
		catch (Exception ex) {
			logger.warn("Run {}: deliveries not added to the run report: {}", run, ex.getClass().getSimpleName());
		}
	}

	private static RunReport.DigestMessage reported(OutboxEntry entry) {
		// Errors are redacted when recorded; again here, since a report is shared
		// further.
		return new RunReport.DigestMessage(entry.recipient(), entry.channel().name().toLowerCase(Locale.ROOT),
				entry.language(), entry.part(), entry.parts(), entry.status().name(), entry.attempts(),
				ApiKeys.redact(entry.lastError()), entry.sentAt() != null ? entry.sentAt().toString() : null);
	}

}
