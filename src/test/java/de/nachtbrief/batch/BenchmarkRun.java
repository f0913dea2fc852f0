package de.nachtbrief.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import de.nachtbrief.NachtbriefApplication;
import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.llm.CallLedger;
import de.nachtbrief.llm.LedgerBackend;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * One variant of the benchmark: its own temp folder with input, output and a fresh H2
 * file, and the application context started as {@code nachtbrief run} starts it. Closing
 * it closes the context and deletes the folder.
 */
final class BenchmarkRun implements AutoCloseable {

	private final Path folder;

	private final ConfigurableApplicationContext context;

	private BenchmarkRun(Path folder, ConfigurableApplicationContext context) {
		this.folder = folder;
		this.context = context;
	}

	/**
	 * The measured outcome of one job: documents by status and the wall time of each
	 * step.
	 */
	record Measured(JobExecution execution, int briefed, int failed) {

		Duration step(String name) {
			StepExecution step = this.execution.getStepExecutions()
				.stream()
				.filter((s) -> s.getStepName().equals(name))
				.findFirst()
				.orElseThrow();
			return Duration.between(step.getStartTime(), step.getEndTime());
		}

		Duration job() {
			return Duration.between(this.execution.getStartTime(), this.execution.getEndTime());
		}

	}

	static BenchmarkRun start(String name, int articles) throws IOException {
		Path folder = Files.createTempDirectory("nachtbrief-bench-" + name + "-");
		BenchmarkCorpus.write(folder.resolve("input"), articles);
		Files.createDirectories(folder.resolve("output/state"));
		Files.writeString(folder.resolve("bench.yaml"), "input:\n  stable-for: 0s\n");
		String database = folder.resolve("output/state/nachtbrief").toString();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(NachtbriefApplication.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.run("--spring.datasource.url=jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
					"--logging.level.de.nachtbrief=WARN");
		return new BenchmarkRun(folder, context);
	}

	Path output() {
		return this.folder.resolve("output");
	}

	RunPlan plan(String backend, String baseUrl, List<String> languages) {
		RunOptions options = new RunOptions(this.folder.resolve("bench.yaml").toString(), this.folder,
				this.folder.resolve("input"), output(), languages, backend, baseUrl, baseUrl != null ? "m" : null,
				false, false);
		return bean(RunPlanner.class).plan(options, RunPlanner.definition(options));
	}

	/** The real job, started the way {@code nachtbrief run} starts it. */
	Measured realJob(RunPlan plan) throws Exception {
		BriefingRunner.Result result = bean(BriefingRunner.class).run(plan, new RunProgress());
		return measured(result.execution());
	}

	/**
	 * The same job with a plain chunk step as its brief step; the briefer is built as the
	 * real runner builds it.
	 */
	Measured chunkJob(RunPlan plan, int chunkSize, AsyncTaskExecutor executor) throws Exception {
		CallLedger ledger = bean(CallLedger.class);
		ModelBriefer briefer = new ModelBriefer(
				new LedgerBackend(plan.summarize().model(), ledger, false, new SimpleMeterRegistry()),
				new LedgerBackend(plan.translate().model(), ledger, false, new SimpleMeterRegistry()));
		JobExecution execution = bean(JobOperator.class).start(
				ChunkStepJob.build(bean(JobRepository.class), bean(PlatformTransactionManager.class),
						bean(DocumentStore.class), plan, briefer, chunkSize, executor),
				new JobParametersBuilder().addString("variant", "chunk-" + chunkSize)
					.addLong("requested-at", System.currentTimeMillis())
					.toJobParameters());
		return measured(execution);
	}

	private Measured measured(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException(
					"the job ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
		}
		long run = execution.getJobInstance().getInstanceId();
		DocumentStore store = bean(DocumentStore.class);
		return new Measured(execution, store.inRun(run, DocumentStatus.BRIEFED).size(),
				store.inRun(run, DocumentStatus.FAILED).size());
	}

	/**
	 * Model tokens the run's meters counted in one direction (input, output,
	 * cached-input), over all backends.
	 */
	double tokens(String direction) {
		return bean(MeterRegistry.class).find("nachtbrief.model.tokens")
			.tag("direction", direction)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/** How long each document briefed in the run took in its worker, in milliseconds. */
	List<Long> durationsMs(Measured measured) {
		return bean(DocumentStore.class)
			.inRun(measured.execution().getJobInstance().getInstanceId(), DocumentStatus.BRIEFED)
			.stream()
			.map(DocumentRecord::durationMs)
			.sorted()
			.toList();
	}

	/** What {@code run --dry-run} estimates for the plan. */
	DryRun.Estimate dryRun(RunPlan plan) throws IOException {
		return bean(DryRun.class).estimate(plan);
	}

	private <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() throws IOException {
		this.context.close();
		try (Stream<Path> paths = Files.walk(this.folder)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
