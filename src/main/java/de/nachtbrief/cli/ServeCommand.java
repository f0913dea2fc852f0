package de.nachtbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.unit.DataSize;

import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.RunOptions;
import de.nachtbrief.batch.RunPlanner;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.JobDefinitionException;
import de.nachtbrief.store.StateDialect;
import de.nachtbrief.web.BriefSearch;
import de.nachtbrief.web.WebApplication;
import de.nachtbrief.web.WebSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief serve [JOB...]}: runs jobs on their schedules and when files are
 * dropped into their input folders, until SIGTERM.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
		description = "Run jobs on their schedules and when files are dropped, until stopped.")
class ServeCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..*", paramLabel = "JOB",
			description = "Job names (jobs/JOB.yaml) or job files. Default: every jobs/*.yaml.")
	List<String> jobs;

	@Option(names = "--output", paramLabel = "DIR", description = "Output folder (overrides the job files).")
	Path output;

	@Option(names = "--models", paramLabel = "DIR",
			description = "Folder of GGUF model files for local backends. Default: models.")
	Path modelsFolder;

	@Option(names = "--jobs", paramLabel = "DIR", defaultValue = "jobs", description = "Folder of job files.")
	Path jobsFolder;

	@Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
			description = "Address the dashboard listens on. Beyond loopback it needs NACHTBRIEF_WEB_TOKEN or "
					+ "NACHTBRIEF_WEB_USER and NACHTBRIEF_WEB_PASSWORD. Default: ${DEFAULT-VALUE}.")
	String bind;

	@Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
			description = "Port of the dashboard; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
	int port;

	@Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "50MB",
			description = "Largest file the upload form takes. Default: ${DEFAULT-VALUE}.")
	String maxUpload;

	@Option(names = "--no-web", description = "Run schedules and drop folders only, without the dashboard.")
	boolean noWeb;

	/** The time schedules are read against; tests move it faster. */
	Clock clock = Clock.systemDefaultZone();

	/** How often schedules are checked and drop folders polled. */
	Duration tick = Duration.ofSeconds(1);

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<ServedJob> served = new CopyOnWriteArrayList<>();

	private volatile ConfigurableApplicationContext dashboard;

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Map<String, RunOptions> options = new LinkedHashMap<>();
		Map<String, JobDefinition> definitions = new LinkedHashMap<>();
		WebSettings web;
		try {
			web = this.noWeb ? null : WebSettings.fromEnvironment(this.bind, this.port, DataSize.parse(this.maxUpload));
			for (String job : jobNames()) {
				RunOptions jobOptions = new RunOptions(job, this.jobsFolder, null, this.output, null, null, null, null,
						false, false);
				String name = Path.of(job).getFileName().toString().replaceAll("\\.ya?ml$", "");
				options.put(name, jobOptions);
				definitions.put(name, RunPlanner.definition(jobOptions));
			}
		}
		catch (JobDefinitionException | IllegalArgumentException | IOException ex) {
			err.println("nachtbrief: " + ex.getMessage());
			return ExitCodes.BAD_INPUT;
		}
		CountDownLatch finished = new CountDownLatch(1);
		Thread stopOnTerminate = GracefulStop.onTerminate(this::stop, finished);
		try {
			// The dashboard first: a port already taken ends serve before any job starts.
			// It lists the jobs as they are added.
			if (web != null) {
				this.dashboard = WebApplication.start(web, this.served);
			}
			// One job context per state database: per output folder's H2 file, or one for
			// all jobs on a shared database.
			Map<Path, ConfigurableApplicationContext> byOutput = new LinkedHashMap<>();
			ConfigurableApplicationContext shared = null;
			for (Map.Entry<String, RunOptions> job : options.entrySet()) {
				JobDefinition definition = definitions.get(job.getKey());
				Path outputFolder = RunPlanner.outputFolder(job.getValue(), definition);
				ConfigurableApplicationContext context = (shared != null) ? shared
						: byOutput.computeIfAbsent(outputFolder, (folder) -> open(folder, out));
				boolean sharedDatabase = context.getBean(StateDialect.class).shared();
				shared = sharedDatabase ? context : null;
				// Runs in one H2 file take turns; runs in different ones, or in a shared
				// database, go at once.
				Object runLock = sharedDatabase ? new Object() : context;
				this.served
					.add(new ServedJob(job.getKey(), job.getValue(), definition, context, out, this.clock, runLock)
						.watch(this.tick.dividedBy(4)));
			}
			if (this.dashboard != null) {
				this.dashboard.getBean(BriefSearch.class).indexAhead();
				out.println("nachtbrief: dashboard on http://" + hostForUrl(web.address()) + ":"
						+ this.dashboard.getEnvironment().getProperty("local.server.port"));
			}
			out.println("nachtbrief: serving " + options.keySet() + "; SIGTERM stops after the runs in flight");
			out.flush();
			while (!this.stopRequested.await(this.tick.toMillis(), TimeUnit.MILLISECONDS)) {
				this.served.forEach(ServedJob::tick);
			}
			return ExitCodes.OK;
		}
		catch (RuntimeException ex) {
			err.println("nachtbrief: serve could not start: " + RunFailure.rootMessage(ex));
			return ExitCodes.RUN_FAILED;
		}
		finally {
			shutDown();
			out.println("nachtbrief: stopped");
			out.flush();
			finished.countDown();
			GracefulStop.release(stopOnTerminate);
		}
	}

	/**
	 * Stops scheduling and asks runs in progress to stop after their documents in flight.
	 */
	void stop() {
		this.served.forEach(ServedJob::stopStarting);
		this.stopRequested.countDown();
		synchronized (this.contexts) {
			this.contexts.forEach((context) -> context.getBean(BriefingRunner.class).stopRunning());
		}
	}

	private ConfigurableApplicationContext open(Path outputFolder, PrintWriter out) {
		try {
			Files.createDirectories(outputFolder.resolve("state"));
		}
		catch (IOException ex) {
			throw new IllegalStateException("output folder " + outputFolder + " is not writable: " + ex.getMessage(),
					ex);
		}
		ConfigurableApplicationContext context = (this.dashboard == null)
				? RunCommand.start(outputFolder, this.modelsFolder)
				// The jobs count into the dashboard's registry, so /actuator/prometheus
				// shows every job's documents, calls, tokens and cost.
				: RunCommand.start(outputFolder, this.modelsFolder, (job) -> job.getBeanFactory()
					.registerSingleton("meterRegistry", this.dashboard.getBean(PrometheusMeterRegistry.class)));
		synchronized (this.contexts) {
			this.contexts.add(context);
		}
		context.getBean(BriefingRunner.class)
			.recoverStaleRuns()
			.forEach((run) -> out.println("Recovered run " + run + ", left running by a process that ended"));
		return context;
	}

	private void shutDown() throws InterruptedException {
		// The dashboard goes first, finishing the requests it has: nothing new is
		// uploaded or retried while the runs stop.
		if (this.dashboard != null) {
			this.dashboard.close();
		}
		stop();
		for (ServedJob job : this.served) {
			job.close();
		}
		synchronized (this.contexts) {
			this.contexts.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static String hostForUrl(String address) {
		return address.contains(":") ? "[" + address + "]" : address;
	}

	private List<String> jobNames() throws IOException {
		if (this.jobs != null && !this.jobs.isEmpty()) {
			return this.jobs;
		}
		if (!Files.isDirectory(this.jobsFolder)) {
			throw new IllegalArgumentException("no job named and no folder " + this.jobsFolder + " of job files");
		}
		try (Stream<Path> files = Files.list(this.jobsFolder)) {
			List<String> found = files.filter((file) -> file.getFileName().toString().endsWith(".yaml"))
				.map(Path::toString)
				.sorted()
				.toList();
			if (found.isEmpty()) {
				throw new IllegalArgumentException("no job files (*.yaml) in " + this.jobsFolder);
			}
			return found;
		}
	}

}
