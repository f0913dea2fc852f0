package de.nachtbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import de.nachtbrief.NachtbriefApplication;
import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.DryRun;
import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.batch.RunOptions;
import de.nachtbrief.batch.RunPlan;
import de.nachtbrief.batch.RunPlanner;
import de.nachtbrief.batch.RunProgress;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.JobDefinitionException;
import de.nachtbrief.definition.Language;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendUnavailableException;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.StateDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief run [JOB]}: briefs every new file of a job's input folder and writes
 * the run's digest.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
		description = "Brief every new file in the job's input folder and write a digest.")
class RunCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "JOB", defaultValue = "default",
			description = "Job name (jobs/JOB.yaml) or path to a job file. Default: ${DEFAULT-VALUE}.")
	String job;

	@Option(names = "--input", paramLabel = "DIR", description = "Input folder (overrides the job file).")
	Path input;

	@Option(names = "--output", paramLabel = "DIR", description = "Output folder (overrides the job file).")
	Path output;

	@Option(names = "--lang", split = ",", paramLabel = "LANG",
			description = "Target languages: de, en, zh, zh-Hant (comma-separated).")
	List<String> languages;

	@Option(names = "--backend", paramLabel = "NAME",
			description = "Backend for every role: auto, extractive, or one configured in application.yaml.")
	String backend;

	@Option(names = "--base-url", paramLabel = "URL", description = "Base URL of the backend's API.")
	String baseUrl;

	@Option(names = "--model", paramLabel = "NAME",
			description = "Model name at the backend; for a local backend a GGUF file in the models folder.")
	String model;

	@Option(names = "--models", paramLabel = "DIR",
			description = "Folder of GGUF model files for local backends. Default: models.")
	Path modelsFolder;

	@Option(names = "--force", description = "Brief files again even when their content was briefed before.")
	boolean force;

	@Option(names = "--fresh",
			description = "Ask the model again instead of replaying completed calls from the ledger (implies --force).")
	boolean fresh;

	@Option(names = "--jobs", paramLabel = "DIR", defaultValue = "jobs", description = "Folder of job files.")
	Path jobsFolder;

	@Option(names = "--dry-run",
			description = "Read, extract and split every file the run would brief, and print the calls, tokens and cost"
					+ " per backend; send nothing and record nothing.")
	boolean dryRun;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		RunOptions options = new RunOptions(this.job, this.jobsFolder, this.input, this.output, this.languages,
				this.backend, this.baseUrl, this.model, this.force, this.fresh);
		JobDefinition definition;
		Path outputFolder;
		try {
			definition = RunPlanner.definition(options);
			if (this.languages != null) {
				this.languages.forEach(Language::fromCode);
			}
			outputFolder = RunPlanner.outputFolder(options, definition);
		}
		catch (JobDefinitionException | IllegalArgumentException ex) {
			err.println("nachtbrief: " + ex.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		try {
			Files.createDirectories(outputFolder.resolve("state"));
			Files.deleteIfExists(Files.createTempFile(outputFolder, ".write-check", ".tmp"));
		}
		catch (IOException ex) {
			err.println("nachtbrief: output folder " + outputFolder + " is not writable: " + ex.getMessage());
			return ExitCodes.RUN_FAILED;
		}
		CountDownLatch finished = new CountDownLatch(1);
		Thread stopOnTerminate = null;
		try (ConfigurableApplicationContext context = start(outputFolder, this.modelsFolder)) {
			BriefingRunner runner = context.getBean(BriefingRunner.class);
			stopOnTerminate = GracefulStop.onTerminate(runner::stopRunning, finished);
			runner.recoverStaleRuns()
				.forEach((run) -> out.println("Recovered run " + run + ", left running by a process that ended"));
			RunPlan plan = context.getBean(RunPlanner.class).plan(options, definition);
			out.println("Nachtbrief: job '" + plan.jobName() + "', summarize with " + plan.summarize().describe() + " ["
					+ plan.summarize().reason() + "], translate with " + plan.translate().describe() + " into "
					+ plan.languages().stream().map(Language::code).toList());
			out.flush();
			if (this.dryRun) {
				DryRunReport.print(out, context.getBean(DryRun.class).estimate(plan),
						context.getBean(BackendProperties.class).currency());
				return ExitCodes.OK;
			}
			RunProgress progress = new RunProgress();
			BriefingRunner.Result result;
			try (ProgressPrinter printer = new ProgressPrinter(progress, out, System.console() != null)) {
				result = runner.run(plan, progress);
			}
			if (result.resumed()) {
				out.println("Resumed run " + result.run() + ", which had not finished.");
			}
			RunSummary.print(out, plan, result, context.getBean(DocumentStore.class).all(result.run()), progress);
			if (result.stopped()) {
				err.println(
						"nachtbrief: run " + result.run() + " was stopped; run the same command again to resume it");
				return ExitCodes.RUN_FAILED;
			}
			if (progress.budgetReached() != null) {
				out.println("Run " + result.run() + " sent no more documents: " + progress.budgetReached()
						+ ". The next run briefs the documents left pending.");
			}
			if (progress.stopReason() != null) {
				err.println("nachtbrief: run " + result.run() + " stopped: " + progress.stopReason()
						+ "; its documents are left pending and the next run resumes them");
				return ExitCodes.RUN_FAILED;
			}
			if (!result.succeeded()) {
				err.println("nachtbrief: run " + result.run() + " failed: " + result.failure());
				return ExitCodes.RUN_FAILED;
			}
			return ExitCodes.OK;
		}
		catch (BackendUnavailableException ex) {
			err.println("nachtbrief: " + ApiKeys.redact(ex.getMessage()));
			return ExitCodes.RUN_FAILED;
		}
		catch (Exception ex) {
			err.println("nachtbrief: the run could not start or finish: " + RunFailure.rootMessage(ex));
			return ExitCodes.RUN_FAILED;
		}
		finally {
			finished.countDown();
			if (stopOnTerminate != null) {
				GracefulStop.release(stopOnTerminate);
			}
		}
	}

	/**
	 * Starts a job context on the output folder's state database.
	 * @param initializers run before the context refreshes, e.g. to register a shared
	 * {@code meterRegistry} singleton that the job's meters then go to
	 */
	static ConfigurableApplicationContext start(Path outputFolder, ApplicationContextInitializer<?>... initializers) {
		return start(outputFolder, null, initializers);
	}

	/**
	 * Starts a job context, with the local backends' model files in the given folder
	 * (null: as configured).
	 */
	static ConfigurableApplicationContext start(Path outputFolder, Path modelsFolder,
			ApplicationContextInitializer<?>... initializers) {
		return start(outputFolder, modelsFolder, List.of(), initializers);
	}

	/** The same, with further Spring arguments, such as a profile. */
	static ConfigurableApplicationContext start(Path outputFolder, Path modelsFolder, List<String> arguments,
			ApplicationContextInitializer<?>... initializers) {
		// Our own shutdown hook stops the run first and the context closes when the run
		// is done, so neither Spring nor H2 may close anything from theirs.
		// WRITE_DELAY=0:
		// a commit reaches the file at once, so a killed process loses no committed
		// outcome or ledger entry (H2 otherwise writes up to a second later).
		// TRACE_LEVEL_FILE=0: no nachtbrief.trace.db, which grew on every start. Without
		// an output folder (a worker), the default is a database in memory, which the
		// caller refuses: no file is left behind.
		return new SpringApplicationBuilder(NachtbriefApplication.class).web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.initializers(initializers)
			.properties((outputFolder != null)
					? StateDatabase.embeddedDefault(outputFolder,
							";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;TRACE_LEVEL_FILE=0")
					: StateDatabase.inMemoryDefault())
			// Job contexts render no pages: Thymeleaf is there for serve.
			.run(Stream
				.concat(Stream.of("--spring.thymeleaf.check-template-location=false",
						modelsFolder != null ? "--nachtbrief.models.folder=" + modelsFolder : null), arguments.stream())
				.filter(Objects::nonNull)
				.toArray(String[]::new));
	}

}
