package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.RunOptions;
import de.nachtbrief.batch.RunPlan;
import de.nachtbrief.batch.RunPlanner;
import de.nachtbrief.batch.RunProgress;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.serve.FolderWatch;
import de.nachtbrief.serve.JobTrigger;
import de.nachtbrief.serve.Scheduler;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.RunHistory;
import de.nachtbrief.web.WebJob;

/**
 * One job under {@code serve}: its schedule, its drop folder, and its runs, one at a
 * time, through the same runner as {@code run}.
 */
final class ServedJob implements WebJob, AutoCloseable {

	/** Always with seconds: LocalDateTime.toString() drops them on a full minute. */
	private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private final String name;

	private final RunOptions options;

	private final JobDefinition definition;

	private final ConfigurableApplicationContext context;

	private final PrintWriter out;

	private final Clock clock;

	private final Object runLock;

	private final Scheduler scheduler;

	private final JobTrigger trigger;

	private FolderWatch watch;

	private volatile boolean stopping;

	ServedJob(String name, RunOptions options, JobDefinition definition, ConfigurableApplicationContext context,
			PrintWriter out, Clock clock, Object runLock) {
		this.name = name;
		this.options = options;
		this.definition = definition;
		this.context = context;
		this.out = out;
		this.clock = clock;
		this.runLock = runLock;
		Instant lastRun = new RunHistory(context.getBean(JdbcClient.class)).lastStarted(name).orElse(null);
		this.scheduler = definition.schedule().enabled() ? new Scheduler(definition.schedule(), clock, lastRun) : null;
		this.trigger = new JobTrigger(name, this::run);
		log("scheduled "
				+ (this.scheduler != null ? "'" + definition.schedule().cron() + "' in " + definition.schedule().zone()
						+ ", next run " + this.scheduler.next() : "off")
				+ (definition.watch().enabled() ? "; watching " + inputFolder() : ""));
		// Due at once on start-up only when a scheduled run was missed.
		if (this.scheduler != null && this.scheduler.due()) {
			this.trigger.request("catch-up");
		}
	}

	ServedJob watch(Duration poll) {
		if (this.definition.watch().enabled()) {
			this.watch = new FolderWatch(this.name, inputFolder(), this.definition.watch().settle(), this.clock, poll,
					() -> this.trigger.request("drop folder"))
				.start();
		}
		return this;
	}

	/** Called on every tick: starts the scheduled run when it is due. */
	void tick() {
		if (this.scheduler != null && this.scheduler.due()) {
			this.trigger.request("schedule");
		}
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public JobDefinition definition() {
		return this.definition;
	}

	@Override
	public java.nio.file.Path inputFolder() {
		return (this.options.input() != null ? this.options.input() : this.definition.input().folder()).toAbsolutePath()
			.normalize();
	}

	@Override
	public java.nio.file.Path outputFolder() {
		return RunPlanner.outputFolder(this.options, this.definition);
	}

	@Override
	public ApplicationContext context() {
		return this.context;
	}

	@Override
	public Optional<Instant> nextScheduledRun() {
		return this.scheduler != null ? Optional.ofNullable(this.scheduler.next()) : Optional.empty();
	}

	@Override
	public boolean requestRun(String reason) {
		return !this.stopping && this.trigger.request(reason);
	}

	private void run(String reason) {
		if (this.stopping) {
			return;
		}
		// One run at a time per state database: runs sharing one must not overlap
		// (resuming and stopping look at the whole database). Runs in different ones go
		// at once (batch/UncachedSequences keeps their execution ids apart).
		synchronized (this.runLock) {
			BriefingRunner runner = this.context.getBean(BriefingRunner.class);
			try {
				RunPlan plan = this.context.getBean(RunPlanner.class).plan(this.options, this.definition, this.clock);
				log("run started (" + reason + ")");
				RunProgress progress = new RunProgress();
				BriefingRunner.Result result = runner.run(plan, progress);
				List<DocumentRecord> documents = this.context.getBean(DocumentStore.class).all(result.run());
				log("run %d %s: %d briefed, %d failed, %d skipped; %,d tokens; %.1f s".formatted(result.run(),
						result.execution().getStatus(), count(documents, DocumentStatus.BRIEFED),
						count(documents, DocumentStatus.FAILED), count(documents, DocumentStatus.SKIPPED),
						progress.snapshot().tokens(), progress.snapshot().elapsed().toMillis() / 1000.0)
						+ (result.failure() != null ? ": " + result.failure() : ""));
			}
			catch (Exception ex) {
				log("run failed: " + RunFailure.rootMessage(ex));
			}
		}
	}

	private static long count(List<DocumentRecord> documents, DocumentStatus status) {
		return documents.stream().filter((d) -> d.status() == status).count();
	}

	private void log(String message) {
		LocalDateTime now = LocalDateTime.ofInstant(this.clock.instant(), this.clock.getZone());
		synchronized (this.out) {
			this.out.println(LOG_TIME.format(now) + " job '" + this.name + "': " + message);
			this.out.flush();
		}
	}

	/** Stops starting runs; a run in progress is stopped by the runner. */
	void stopStarting() {
		this.stopping = true;
	}

	@Override
	public void close() throws InterruptedException {
		this.stopping = true;
		if (this.watch != null) {
			this.watch.close();
		}
		this.trigger.close();
	}

}
