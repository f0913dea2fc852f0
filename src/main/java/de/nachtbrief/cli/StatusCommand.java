package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import de.nachtbrief.batch.RunFailure;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.RunHistory;
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
		Path database = this.output.toAbsolutePath().normalize().resolve("state").resolve("nachtbrief");
		if (!Files.exists(Path.of(database + ".mv.db"))) {
			out.println("No state database at " + database + ".mv.db yet: nothing has run with this output folder.");
			return ExitCodes.OK;
		}
		SingleConnectionDataSource source = new SingleConnectionDataSource(
				"jdbc:h2:file:" + database + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0", "sa", "", true);
		try {
			JdbcClient jdbc = JdbcClient.create(source);
			List<RunRow> rows = new RunHistory(jdbc).recent(Math.max(1, this.runs));
			if (rows.isEmpty()) {
				out.println("No runs recorded in " + database + ".mv.db yet.");
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
				.println("nachtbrief: cannot read " + database + ".mv.db (is a run or serve using it?): "
						+ RunFailure.rootMessage(ex));
			return ExitCodes.RUN_FAILED;
		}
		finally {
			source.destroy();
		}
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
