package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.RunHistory;
import de.nachtbrief.store.StateDatabase;
import de.nachtbrief.store.RunHistory.RunRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief status}: the latest runs in the state database and why the last run's
 * failed documents failed.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Show the latest runs and the failures of the last one.")
class StatusCommand implements Callable<Integer> {

	private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Spec
	CommandSpec spec;

	@Option(names = "--output", paramLabel = "DIR", defaultValue = "output",
			description = "Output folder holding state/. Default: ${DEFAULT-VALUE}.")
	Path output;

	@Option(names = "--runs", paramLabel = "N", defaultValue = "10",
			description = "How many runs to show. Default: ${DEFAULT-VALUE}.")
	int runs;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		try (ConfigurableApplicationContext state = openState(this.output)) {
			String url = state.getEnvironment().getProperty("spring.datasource.url");
			Path file = StateDatabase.embeddedFile(this.output);
			String database = StateDatabase.isEmbedded(url) ? file + ".mv.db" : StateDatabase.shown(url);
			if (StateDatabase.isEmbedded(url) && !Files.exists(Path.of(database))) {
				out.println("No state database at " + database + " yet: nothing has run with this output folder.");
				return ExitCodes.OK;
			}
			JdbcClient jdbc = JdbcClient.create(state.getBean(DataSource.class));
			List<RunRow> rows = noRunsYet(jdbc) ? List.of() : new RunHistory(jdbc).recent(Math.max(1, this.runs));
			if (rows.isEmpty()) {
				out.println("No runs recorded in " + database + " yet.");
				return ExitCodes.OK;
			}
			printRuns(out, rows);
			long last = rows.get(0).run();
			List<DocumentRecord> failed = new DocumentStore(jdbc).inRun(last, DocumentStatus.FAILED);
			out.println();
			out.println(failed.isEmpty() ? "Run " + last + ": no failures."
					: "Run " + last + ": " + failed.size() + " failed:");
			failed.forEach((d) -> out.printf("  %s: %s%n", FileNames.shown(d.path()), d.reason()));
			out.flush();
			return ExitCodes.OK;
		}
		catch (RuntimeException ex) {
			this.spec.commandLine()
				.getErr()
				.println("nachtbrief: cannot read the state database (is a run or serve using its H2 file?): "
						+ ApiKeys.redact(RunFailure.rootMessage(ex)));
			return ExitCodes.RUN_FAILED;
		}
	}

	/**
	 * The state database as the job contexts find it, with only a data source: the H2
	 * file (opened only if it exists) unless {@code spring.datasource.url} names another.
	 */
	private static ConfigurableApplicationContext openState(Path output) {
		return new SpringApplicationBuilder(StateOnly.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties(StateDatabase.embeddedDefault(output, ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0"))
			.properties("spring.sql.init.mode=never")
			.run();
	}

	/**
	 * Nothing has run on a new PostgreSQL database: Spring Batch's tables are not there
	 * yet.
	 */
	private static boolean noRunsYet(JdbcClient jdbc) {
		try {
			jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION").query(Long.class).single();
			return false;
		}
		catch (BadSqlGrammarException ex) {
			return true;
		}
	}

	/** Not a configuration class: no job context's component scan may pick it up. */
	@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
	static class StateOnly {

	}

	/**
	 * The COST column appears only when some run cost something, so a deployment without
	 * prices sees no column of zeros.
	 */
	private static void printRuns(PrintWriter out, List<RunRow> rows) {
		boolean priced = rows.stream().anyMatch((row) -> row.cost() > 0);
		String format = "%5s  %-12s  %-19s  %9s  %-9s  %7s  %6s  %7s  %9s" + (priced ? "  %10s" : "%s") + "%n";
		out.printf(format, "RUN", "JOB", "STARTED", "DURATION", "STATUS", "BRIEFED", "FAILED", "SKIPPED", "TOKENS",
				priced ? "COST" : "");
		for (RunRow row : rows) {
			out.printf(format, row.run(), row.job() != null ? row.job() : "?",
					row.started() != null ? STARTED.format(row.started()) : "-", duration(row.duration()), row.status(),
					row.briefed(), row.failed(), row.skipped(), "%,d".formatted(row.tokens()),
					priced ? "%,.4f".formatted(row.cost()) : "");
		}
	}

	private static String duration(Duration duration) {
		if (duration == null) {
			return "-";
		}
		long seconds = duration.toSeconds();
		return seconds >= 3600 ? "%dh%02dm".formatted(seconds / 3600, seconds % 3600 / 60)
				: "%dm%02ds".formatted(seconds / 60, seconds % 60);
	}

}
