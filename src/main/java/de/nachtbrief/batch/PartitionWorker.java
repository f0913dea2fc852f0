package de.nachtbrief.batch;

import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.LanguageCheck;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.ingest.SourceLifecycle;
import de.nachtbrief.llm.extractive.NamedEntities;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.text.TokenCounter;

/**
 * What {@code nachtbrief worker} does with a remote partition: it plans the manager's run
 * from the partition's recipe, then briefs the partition's pending documents one per
 * transaction, as the local brief step does. A worker that dies leaves its partition's
 * message unacknowledged, so the broker gives it to another worker, which briefs what is
 * still pending; the call ledger replays every call the dead worker completed.
 */
public class PartitionWorker implements Tasklet, StepExecutionListener, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

	private final RunPlanner planner;

	private final BriefingRunner runner;

	private final DocumentStore store;

	private final MeterRegistry meters;

	private final String currency;

	private final Path jobsFolder;

	private final JdbcClient jdbc;

	private final PlatformTransactionManager transactions;

	/** The runs this worker has partitions of, by job execution. */
	private final Map<Long, WorkerRun> runs = new ConcurrentHashMap<>();

	/** Each partition's documents still to brief, by step execution. */
	private final Map<Long, Queue<DocumentRecord>> queues = new ConcurrentHashMap<>();

	public PartitionWorker(RunPlanner planner, BriefingRunner runner, DocumentStore store, MeterRegistry meters,
			String currency, Path jobsFolder, JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.planner = planner;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.runner = runner;
		this.store = store;
		this.meters = meters;
		this.currency = currency;
		this.jobsFolder = jobsFolder;
	}

	/** One run as this worker briefs it: its plan and what briefs its documents. */
	private record WorkerRun(RunPlan plan, DocumentExtractor extractor, BriefProcessor processor, OutcomeWriter writer,
			RunProgress progress, AtomicInteger partitionsInHand) {
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		long jobExecution = stepExecution.getJobExecutionId();
		WorkerRun run;
		synchronized (this.runs) {
			closeRunsOtherThan(jobExecution);
			run = this.runs.computeIfAbsent(jobExecution, (id) -> open(stepExecution));
			run.partitionsInHand().incrementAndGet();
		}
		int partition = context.getInt(RunRecipe.PARTITION);
		int partitions = context.getInt(RunRecipe.PARTITIONS);
		Queue<DocumentRecord> queue = new ConcurrentLinkedQueue<>(
				this.store.pendingInPartition(RunIds.of(stepExecution), partition, partitions));
		this.queues.put(stepExecution.getId(), queue);
		run.progress().addToBrief(queue.size());
		log.info("Run {}, partition {} of {}: {} documents to brief", RunIds.of(stepExecution), partition + 1,
				partitions, queue.size());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
		WorkerRun run = this.runs.get(stepExecution.getJobExecutionId());
		DocumentRecord next = this.queues.get(stepExecution.getId()).poll();
		if (next == null) {
			return RepeatStatus.FINISHED;
		}
		if (!managerStillRuns(stepExecution)) {
			// The manager died and its run was recovered, or it was stopped: a resumed
			// run sends these documents again, so briefing them here could brief them
			// twice.
			log.warn("Run {}: its manager no longer runs it; leaving partition {} to the run that resumes it",
					RunIds.of(stepExecution), stepExecution.getExecutionContext().getInt(RunRecipe.PARTITION) + 1);
			stepExecution.setTerminateOnly();
			return RepeatStatus.FINISHED;
		}
		contribution.incrementReadCount();
		DocumentOutcome outcome = run.processor().process(next);
		if (outcome != null) {
			run.writer().write(new Chunk<>(outcome));
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.CONTINUABLE;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		this.queues.remove(stepExecution.getId());
		WorkerRun run = this.runs.get(stepExecution.getJobExecutionId());
		if (run == null) {
			return null;
		}
		run.partitionsInHand().decrementAndGet();
		if (run.progress().stopReason() == null) {
			return null;
		}
		// As in the local brief step: the run fails without a stack trace, and the next
		// run resumes it.
		log.warn("Run {}: stopped briefing: {}", RunIds.of(stepExecution), run.progress().stopReason());
		stepExecution.setStatus(BatchStatus.FAILED);
		return ExitStatus.FAILED;
	}

	/**
	 * Asked before each document, so only the execution's status: the repository would
	 * load every partition's step execution and context with it.
	 */
	private boolean managerStillRuns(StepExecution stepExecution) {
		return this.jdbc.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?")
			.param(stepExecution.getJobExecutionId())
			.query(String.class)
			.optional()
			.map((status) -> BatchStatus.valueOf(status).isRunning() && !"STOPPING".equals(status))
			.orElse(false);
	}

	private WorkerRun open(StepExecution stepExecution) {
		ExecutionContext context = stepExecution.getExecutionContext();
		RunOptions options = RunRecipe.options(context, this.jobsFolder);
		RunPlan plan = this.planner.plan(options, RunPlanner.definition(options), RunRecipe.dateOf(context));
		String managers = stepExecution.getJobExecution().getJobParameters().getString("settings");
		if (!plan.settingsHash().equals(managers)) {
			throw new IllegalStateException("this worker's job file " + options.job()
					+ " or backends differ from the manager's: a brief would not say what the run's settings say");
		}
		// As a local run does, while the first documents are read.
		if (plan.summarize().isExtractive()) {
			NamedEntities.loadAhead();
		}
		else {
			TokenCounter.loadAhead();
			LanguageCheck.loadAhead();
		}
		DocumentExtractor extractor = new DocumentExtractor(plan.extractionOptions());
		extractor.prestartFor(plan.inputFolder());
		RunProgress progress = new RunProgress();
		RunMeters runMeters = new RunMeters(this.meters, plan.jobName());
		BriefProcessor processor = new BriefProcessor(plan, extractor, this.runner.briefer(plan), this.currency,
				progress, RunBudget.shared(plan, this.jdbc, this.transactions, RunIds.of(stepExecution)), null);
		OutcomeWriter writer = new OutcomeWriter(plan,
				new BriefFiles(plan.outputFolder(), plan.definition().output().formats()), this.store,
				new SourceLifecycle(plan.inputFolder(), plan.outputFolder()), progress, runMeters);
		return new WorkerRun(plan, extractor, processor, writer, progress, new AtomicInteger());
	}

	/** A run's extraction workers go once this worker holds none of its partitions. */
	private void closeRunsOtherThan(long jobExecution) {
		this.runs.entrySet().removeIf((entry) -> {
			boolean idle = entry.getKey() != jobExecution && entry.getValue().partitionsInHand().get() == 0;
			if (idle) {
				entry.getValue().extractor().close();
			}
			return idle;
		});
	}

	@Override
	public void close() {
		this.runs.values().forEach((run) -> run.extractor().close());
		this.runs.clear();
	}

}
