package de.nachtbrief.batch;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The job parameters that identify a run, and the unfinished run of the same job and
 * settings that a new start resumes instead. Only settings go into the parameters: they
 * are stored and logged, so never a key.
 */
final class RunParameters {

	private static final String REQUESTED_AT = "requested-at";

	private static final Set<BatchStatus> RESUMABLE = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED);

	/**
	 * How far back to look for this job's latest run when other jobs share the state
	 * database.
	 */
	private static final int RECENT_RUNS = 100;

	private RunParameters() {
	}

	static JobParameters forNewRun(RunPlan plan) {
		return new JobParametersBuilder().addString("job", plan.jobName())
			.addString("input", plan.inputFolder().toString())
			.addString("output", plan.outputFolder().toString())
			.addString("languages", plan.languages().toString(), false)
			.addString("summarize", plan.summarize().describe(), false)
			.addString("translate", plan.translate().describe(), false)
			.addString("settings", plan.settingsHash())
			.addLong(REQUESTED_AT, System.currentTimeMillis())
			.toJobParameters();
	}

	/**
	 * The latest run of the plan's job, if it did not complete and was made with the same
	 * settings.
	 */
	static Optional<JobParameters> unfinished(JobRepository repository, RunPlan plan) {
		if (plan.force()) {
			return Optional.empty();
		}
		JobParameters wanted = forNewRun(plan);
		for (JobInstance instance : repository.getJobInstances(BriefingJob.NAME, 0, RECENT_RUNS)) {
			JobExecution last = repository.getLastJobExecution(instance);
			if (last == null || !plan.jobName().equals(last.getJobParameters().getString("job"))) {
				continue;
			}
			// The latest run of this job decides: resumed when unfinished with the same
			// settings, else a new run.
			return RESUMABLE.contains(last.getStatus()) && sameRun(wanted, last.getJobParameters())
					? Optional.of(last.getJobParameters()) : Optional.empty();
		}
		return Optional.empty();
	}

	private static boolean sameRun(JobParameters wanted, JobParameters earlier) {
		return wanted.getIdentifyingParameters()
			.stream()
			.filter((parameter) -> !parameter.name().equals(REQUESTED_AT))
			.allMatch((parameter) -> parameter.equals(earlier.getParameter(parameter.name())));
	}

}
