package de.nachtbrief.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

import de.nachtbrief.brief.AtomicFiles;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.brief.ExtractiveBriefer;
import de.nachtbrief.brief.LanguageCheck;
import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.llm.BackendChoice;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.llm.LedgerBackend;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.extractive.NamedEntities;
import de.nachtbrief.text.TokenCounter;

/**
 * Starts the briefing job for a plan and waits for it, resuming the same job's last run
 * instead when that run did not finish (it crashed, was stopped, or its backend failed)
 * and was made with the same settings.
 */
public class BriefingRunner {

	private final JobOperator operator;

	private final BriefingJob job;

	private final CallLedger ledger;

	private final JobRepository repository;

	private final MeterRegistry meters;

	private final RunLeases leases;

	/**
	 * @param meters where runs and replayed model calls are counted
	 */
	public BriefingRunner(JobOperator operator, JobRepository repository, BriefingJob job, CallLedger ledger,
			MeterRegistry meters, RunLeases leases) {
		this.operator = operator;
		this.leases = leases;
		this.repository = repository;
		this.job = job;
		this.ledger = ledger;
		this.meters = meters;
	}

	/**
	 * The finished run: its Spring Batch execution and, when it failed, the reason in one
	 * line.
	 */
	public record Result(JobExecution execution, String failure, boolean resumed) {

		public boolean stopped() {
			return this.execution.getStatus() == BatchStatus.STOPPED;
		}

		public boolean succeeded() {
			return this.execution.getStatus() == BatchStatus.COMPLETED;
		}

		public long run() {
			return this.execution.getJobInstance().getInstanceId();
		}

	}

	public Result run(RunPlan plan, RunProgress progress) throws Exception {
		try (AutoCloseable job = this.leases.holdJob(plan.jobName());
				DocumentExtractor extractor = new DocumentExtractor(plan.extractionOptions())) {
			extractor.prestartFor(plan.inputFolder());
			if (plan.summarize().isExtractive()) {
				NamedEntities.loadAhead();
			}
			else {
				TokenCounter.loadAhead();
				LanguageCheck.loadAhead();
			}
			return run(plan, extractor, progress);
		}
	}

	private Result run(RunPlan plan, DocumentExtractor extractor, RunProgress progress) throws Exception {
		Briefer briefer = briefer(plan);
		// An H2 state database admits one process at a time, so no other run is writing
		// here; in a shared one, another process may be.
		if (!this.leases.databaseShared()) {
			for (String folder : List.of("briefs", "digests", "runs")) {
				AtomicFiles.removeLeftovers(plan.outputFolder().resolve(folder));
			}
		}
		Optional<JobParameters> unfinished = RunParameters.unfinished(this.repository, plan);
		JobExecution execution = this.operator.start(this.job.build(plan, extractor, briefer, progress),
				unfinished.orElseGet(() -> RunParameters.forNewRun(plan)));
		new RunMeters(this.meters, plan.jobName()).ended(execution.getStatus());
		return new Result(execution, RunFailure.describe(execution), unfinished.isPresent());
	}

	/**
	 * Marks executions left running by a process that died as failed, so they can be
	 * resumed ({@link RunLeases} tells which).
	 * @return the runs recovered
	 */
	public List<Long> recoverStaleRuns() {
		List<Long> recovered = new ArrayList<>();
		for (JobExecution stale : this.repository.findRunningJobExecutions(BriefingJob.NAME)) {
			if (!this.leases.abandoned(stale)) {
				continue;
			}
			this.operator.recover(stale);
			this.leases.forget(stale);
			recovered.add(stale.getJobInstance().getInstanceId());
		}
		return recovered;
	}

	/**
	 * Asks this process's running runs to stop after the documents in flight; they can be
	 * resumed later.
	 */
	public void stopRunning() {
		for (JobExecution running : this.repository.findRunningJobExecutions(BriefingJob.NAME)) {
			if (!this.leases.holds(running)) {
				continue;
			}
			try {
				this.operator.stop(running);
			}
			catch (Exception ex) {
				// It ended between finding and stopping it: nothing left to stop.
			}
		}
	}

	/** The plan's briefer; model calls go through the call ledger. */
	Briefer briefer(RunPlan plan) {
		return plan.summarize().isExtractive() ? new ExtractiveBriefer() : modelBriefer(plan);
	}

	/**
	 * In batch mode each document alone, as the batch sent them, so that the brief step
	 * asks exactly what the batch answered.
	 */
	private ModelBriefer modelBriefer(RunPlan plan) {
		ModelBackend summarizer = ledgered(plan.summarize(), plan.fresh());
		ModelBackend translator = plan.translate().isExtractive() ? null : ledgered(plan.translate(), plan.fresh());
		return plan.batchMode() ? ModelBriefer.alone(summarizer, translator) : new ModelBriefer(summarizer, translator);
	}

	private ModelBackend ledgered(BackendChoice choice, boolean fresh) {
		return new LedgerBackend(choice.model(), this.ledger, fresh, this.meters);
	}

}
