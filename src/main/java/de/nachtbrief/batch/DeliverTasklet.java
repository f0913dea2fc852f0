package de.nachtbrief.batch;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import de.nachtbrief.definition.Language;
import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * Enqueues the run's digests for the job's recipients and delivers what is pending. A
 * delivery that fails is recorded in {@code NB_OUTBOX} and never fails the run: the
 * briefs are written either way.
 */
class DeliverTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(DeliverTasklet.class);

	private final RunPlan plan;

	private final DocumentStore store;

	private final DeliveryService delivery;

	DeliverTasklet(RunPlan plan, DocumentStore store, DeliveryService delivery) {
		this.plan = plan;
		this.store = store;
		this.delivery = delivery;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long run = RunIds.of(contribution.getStepExecution());
		try {
			List<String> languages = this.plan.languages().stream().map(Language::code).toList();
			int newBriefs = this.store.inRun(run, DocumentStatus.BRIEFED).size();
			this.delivery.enqueue(run, this.plan.date(), this.plan.outputFolder(), languages,
					this.plan.definition().delivery(), newBriefs);
			DeliveryService.Outcome outcome = this.delivery.deliverPending();
			if (outcome.sent() + outcome.failed() + outcome.uncertain() > 0) {
				logger.info("Run {}: {} digest message(s) sent, {} failed, {} uncertain", run, outcome.sent(),
						outcome.failed(), outcome.uncertain());
			}
		}
		catch (Exception ex) {
			logger.warn("Run {}: digests not delivered: {}", run, ex.getClass().getSimpleName());
		}
		return RepeatStatus.FINISHED;
	}

}
