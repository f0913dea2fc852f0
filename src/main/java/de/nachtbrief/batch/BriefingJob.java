package de.nachtbrief.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.digest.DigestWriter;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.ingest.SourceLifecycle;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;

/**
 * The briefing job: {@code discover} records the run's files, in batch mode {@code batch}
 * sends their calls ahead as one provider batch (see {@link BatchTasklet}), {@code brief}
 * briefs the pending ones with several workers, {@code digest} writes the digests and the
 * run report, {@code deliver} sends the digests to the job's recipients.
 *
 * <p>
 * The brief step is a local partition whose workers all take documents from one shared
 * queue of pending documents: a slow document holds up only its own worker, never a whole
 * chunk. Each document is its own chunk, so a crash loses at most the documents in
 * flight; the queue is refilled from the state database when a run is restarted. With
 * {@code nachtbrief.remote.partitions} set, the brief step sends partitions of the
 * pending documents to workers instead ({@link #remoteBriefStep}).
 */
public final class BriefingJob {

	public static final String NAME = "briefing";

	private static final Logger log = LoggerFactory.getLogger(BriefingJob.class);

	private final JobRepository repository;

	private final PlatformTransactionManager transactions;

	private final DocumentStore store;

	private final DeliveryService delivery;

	private final MeterRegistry meters;

	private final String currency;

	private final CallLedger ledger;

	private final RunLeases leases;

	private final RemotePartitions remote;

	private final JdbcClient jdbc;

	/**
	 * @param meters where documents are counted
	 * @param currency the currency of the costs the run report and briefs show
	 * @param ledger where a batch's answers are filed for the brief step
	 */
	public BriefingJob(JobRepository repository, PlatformTransactionManager transactions, DocumentStore store,
			DeliveryService delivery, MeterRegistry meters, String currency, CallLedger ledger, RunLeases leases,
			RemotePartitions remote, JdbcClient jdbc) {
		this.repository = repository;
		this.remote = remote;
		this.jdbc = jdbc;
		this.leases = leases;
		this.transactions = transactions;
		this.store = store;
		this.delivery = delivery;
		this.meters = meters;
		this.currency = currency;
		this.ledger = ledger;
	}

	public Job build(RunPlan plan, DocumentExtractor extractor, Briefer briefer, RunProgress progress) {
		BriefFiles briefFiles = new BriefFiles(plan.outputFolder(), plan.definition().output().formats());
		DigestWriter digestWriter = new DigestWriter(plan.outputFolder(), plan.definition().output().formats());
		RunMeters runMeters = new RunMeters(this.meters, plan.jobName());
		// Workers elsewhere draw on the same budget through the state database.
		RunBudget budget = (this.remote != null && !plan.batchMode())
				? RunBudget.shared(plan, this.jdbc, this.transactions, 0) : RunBudget.of(plan);
		SimpleJobBuilder steps = new JobBuilder(NAME, this.repository).listener(this.leases)
			.start(new StepBuilder("discover", this.repository)
				.tasklet(new DiscoverTasklet(plan, this.store, runMeters), this.transactions)
				.build());
		if (plan.batchMode()) {
			// Each poll writes the ledger in transactions of its own: none is held open
			// while the provider works.
			steps = steps.next(
					new StepBuilder("batch", this.repository)
						.tasklet(new BatchTasklet(plan, this.store, extractor, this.ledger, progress, budget),
								new ResourcelessTransactionManager())
						.build());
		}
		return steps.next(briefStep(plan, extractor, briefer, briefFiles, progress, runMeters, budget))
			.next(new StepBuilder("digest", this.repository)
				.tasklet(new DigestTasklet(plan, this.store, briefFiles, digestWriter, this.currency, progress, budget),
						this.transactions)
				.build())
			.next(new StepBuilder("deliver", this.repository)
				.tasklet(new DeliverTasklet(plan, this.store, this.delivery, digestWriter), this.transactions)
				.build())
			.build();
	}

	private Step briefStep(RunPlan plan, DocumentExtractor extractor, Briefer briefer, BriefFiles briefFiles,
			RunProgress progress, RunMeters runMeters, RunBudget budget) {
		if (this.remote != null && !plan.batchMode()) {
			return remoteBriefStep(plan, progress, budget);
		}
		ConcurrentLinkedQueue<DocumentRecord> pending = new ConcurrentLinkedQueue<>();
		Step worker = new StepBuilder("briefDocument", this.repository).<DocumentRecord, DocumentOutcome>chunk(1)
			.transactionManager(this.transactions)
			.reader(pending::poll)
			.processor(new BriefProcessor(plan, extractor, briefer, this.currency, progress, budget,
					BatchRequests.of(plan, this.ledger).orElse(null)))
			.writer(new OutcomeWriter(plan, briefFiles, this.store,
					new SourceLifecycle(plan.inputFolder(), plan.outputFolder()), progress, runMeters))
			// A resumed run's workers start again even when they completed: they read the
			// documents still pending, not a position in a list.
			.allowStartIfComplete(true)
			.build();
		int workers = plan.workers();
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("brief-");
		threads.setConcurrencyLimit(workers);
		return new StepBuilder("brief", this.repository)
			.partitioner("briefDocument", (gridSize) -> partitions(gridSize))
			.step(worker)
			.gridSize(workers)
			.taskExecutor(threads)
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					pending.clear();
					pending.addAll(BriefingJob.this.store.pending(RunIds.of(stepExecution)));
					progress.addToBrief(pending.size());
				}

				@Override
				public ExitStatus afterStep(StepExecution stepExecution) {
					if (progress.stopReason() == null) {
						return null;
					}
					// Fails the run without a stack trace, so that the next run resumes
					// it.
					stepExecution.setStatus(BatchStatus.FAILED);
					return ExitStatus.FAILED;
				}
			})
			.build();
	}

	/**
	 * The brief step when workers brief ({@code nachtbrief.remote.partitions}): the run's
	 * pending documents are cut into partitions by id, which go to the broker; any
	 * {@code nachtbrief worker} takes one at a time. The manager follows the partitions'
	 * step executions in the shared job repository, and the documents' states for its
	 * progress.
	 */
	private Step remoteBriefStep(RunPlan plan, RunProgress progress, RunBudget budget) {
		ScheduledExecutorService follow = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "brief-progress");
			thread.setDaemon(true);
			return thread;
		});
		return new RemotePartitioningManagerStepBuilder("brief", this.repository)
			.partitioner("briefDocument", (gridSize) -> RunRecipe.partitions(plan, gridSize))
			.gridSize(this.remote.count())
			.outputChannel(this.remote.requests())
			.pollInterval(this.remote.pollInterval().toMillis())
			.listener(new StepExecutionListener() {
				@Override
				public void beforeStep(StepExecution stepExecution) {
					long run = RunIds.of(stepExecution);
					if (budget != null) {
						budget.startAttempt(run);
					}
					DocumentStore.Counts before = BriefingJob.this.store.counts(run);
					progress.addToBrief(before.pending());
					log.info("Run {}: {} documents to brief, sent to the workers in {} partitions", run,
							before.pending(), BriefingJob.this.remote.count());
					follow.scheduleWithFixedDelay(() -> {
						DocumentStore.Counts now = BriefingJob.this.store.counts(run);
						progress.caughtUp(before.pending() - now.pending(), now.failed() - before.failed(),
								now.tokens() - before.tokens());
					}, 1, 1, TimeUnit.SECONDS);
				}

				@Override
				public ExitStatus afterStep(StepExecution stepExecution) {
					follow.shutdownNow();
					return null;
				}
			})
			.build();
	}

	private static Map<String, ExecutionContext> partitions(int gridSize) {
		Map<String, ExecutionContext> partitions = new HashMap<>();
		for (int worker = 0; worker < gridSize; worker++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt("worker", worker);
			partitions.put("worker" + worker, context);
		}
		return partitions;
	}

}
