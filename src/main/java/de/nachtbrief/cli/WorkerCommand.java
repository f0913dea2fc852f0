package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;

import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.remote.RemoteProperties;
import de.nachtbrief.remote.RemoteWorker;
import de.nachtbrief.store.StateDatabase;
import de.nachtbrief.store.StateDialect;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief worker}: briefs partitions of runs that a manager ({@code run} or
 * {@code serve} with {@code nachtbrief.remote.partitions} set) sends over the broker,
 * until SIGTERM. It shares the manager's state database, broker, jobs and folders.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
		description = { "Brief partitions of runs sent by a manager over the broker, until stopped.",
				"Needs the manager's PostgreSQL state database (SPRING_DATASOURCE_URL), broker "
						+ "(SPRING_ARTEMIS_BROKER_URL), job files and input and output folders." })
class WorkerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--jobs", paramLabel = "DIR", defaultValue = "jobs",
			description = "Folder of job files, the same as the manager's. Default: ${DEFAULT-VALUE}.")
	Path jobsFolder;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "1",
			description = "Partitions briefed at once. Default: ${DEFAULT-VALUE}.")
	int threads;

	@Option(names = "--models", paramLabel = "DIR",
			description = "Folder of model files for local backends (overrides nachtbrief.models.folder).")
	Path modelsFolder;

	private final CountDownLatch stopRequested = new CountDownLatch(1);

	@Override
	public Integer call() throws InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (this.threads < 1) {
			err.println("nachtbrief: --threads must be at least 1");
			return ExitCodes.BAD_INPUT;
		}
		CountDownLatch finished = new CountDownLatch(1);
		Thread stopOnTerminate = GracefulStop.onTerminate(this.stopRequested::countDown, finished);
		ConfigurableApplicationContext context = null;
		try {
			context = RunCommand.start(null, this.modelsFolder,
					List.of("--spring.profiles.active=worker",
							"--nachtbrief.worker.jobs=" + this.jobsFolder.toAbsolutePath().normalize(),
							"--nachtbrief.remote.worker-threads=" + this.threads));
			String url = context.getEnvironment().getProperty("spring.datasource.url");
			if (!context.getBean(StateDialect.class).shared()) {
				err.println("nachtbrief: a worker needs the manager's shared state database, not "
						+ StateDatabase.shown(url) + ": set SPRING_DATASOURCE_URL to its PostgreSQL database");
				return ExitCodes.BAD_INPUT;
			}
			RemoteWorker.startTakingPartitions(context);
			out.println("nachtbrief: worker taking partitions from queue "
					+ context.getBean(RemoteProperties.class).queue() + " at "
					+ context.getEnvironment().getProperty("spring.artemis.broker-url", "tcp://localhost:61616")
					+ " with " + this.threads + " thread(s); state in " + StateDatabase.shown(url)
					+ "; SIGTERM stops after the partitions in hand");
			out.flush();
			this.stopRequested.await();
			return ExitCodes.OK;
		}
		catch (RuntimeException ex) {
			err.println("nachtbrief: the worker could not start: " + ApiKeys.redact(RunFailure.rootMessage(ex)));
			return ExitCodes.RUN_FAILED;
		}
		finally {
			if (context != null) {
				context.close();
			}
			out.println("nachtbrief: worker stopped");
			out.flush();
			finished.countDown();
			GracefulStop.release(stopOnTerminate);
		}
	}

}
