package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServeCommandTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@TempDir
	Path workspace;

	@Test
	void overOneSimulatedDayRunsEachJobsNightlyRunOnceAndCatchesUpOnceAtStart() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		for (String job : new String[] { "politik", "sport" }) {
			Path input = Files.createDirectories(this.workspace.resolve("input-" + job));
			Files.writeString(input.resolve(job + ".txt"), "Der Stadtrat von Freiburg hat am Dienstag über " + job
					+ " beraten. Die Kämmerin Dr. Anna Weber sprach von einem schwierigen Jahr für die Stadt.");
			Files.writeString(jobs.resolve(job + ".yaml"),
					"input:\n  folder: " + input + "\n  stable-for: 0s\noutput:\n  folder: "
							+ this.workspace.resolve("output-" + job) + "\nbackends:\n  summarize: extractive\n"
							+ "  translate: extractive\n");
			// The last run, now: the simulated day starts three nights later.
			assertThat(CommandLines.execute("run", jobs.resolve(job + ".yaml").toString()).exitCode()).isZero();
		}
		ZonedDateTime start = ZonedDateTime.now(BERLIN).plusDays(3).with(LocalTime.of(14, 0));
		Instant dayOver = start.plusDays(1).toInstant();
		// One simulated day in twelve seconds.
		AcceleratedClock clock = new AcceleratedClock(start.toInstant(), 7200, BERLIN);
		ServeProcess serve = ServeProcess.start(clock, Duration.ofMillis(10), jobs);
		awaitTrue(() -> clock.instant().isAfter(dayOver), Duration.ofSeconds(60));
		serve.stop(Duration.ofSeconds(60));
		String log = serve.log();
		for (String job : new String[] { "politik", "sport" }) {
			assertThat(count(log, "job '" + job + "': run started (catch-up)")).as(log).isEqualTo(1);
			assertThat(count(log, "job '" + job + "': run started (schedule)")).as(log).isEqualTo(1);
			assertThat(count(log, "job '" + job + "': run started")).as(log).isEqualTo(2);
			assertThat(count(log, "COMPLETED")).as(log).isEqualTo(4);
			assertThat(runs(this.workspace.resolve("output-" + job))).isEqualTo(3);
		}
		assertThat(log)
			.containsPattern("\\d{4}-\\d\\d-\\d\\dT0[23]:\\d\\d:\\d\\d job 'politik': run started \\(schedule\\)");
		assertThat(log).contains("nachtbrief: stopped");
	}

	@Test
	void aThousandFilesDroppedAtOnceAreEachBriefedExactlyOnce() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Path input = Files.createDirectories(this.workspace.resolve("drop"));
		Path output = this.workspace.resolve("output");
		Files.writeString(jobs.resolve("drop.yaml"), "input:\n  folder: " + input
				+ "\n  stable-for: 1s\noutput:\n  folder: " + output
				+ "\n  formats: []\nlanguages: [de]\nbackends:\n  summarize: extractive\n  translate: extractive\n"
				+ "schedule:\n  enabled: false\nwatch:\n  enabled: true\n  settle: 1s\n");
		ServeProcess serve = ServeProcess.start(jobs, "drop");

		for (int i = 0; i < 1000; i++) {
			Files.writeString(input.resolve("meldung-%04d.txt".formatted(i)),
					"Die Gemeinde Nummer " + i + " hat am Montag einen neuen Bürgermeister gewählt. Er erhielt "
							+ (40 + i % 50) + " Prozent der Stimmen, teilte das Wahlamt mit.");
		}
		awaitTrue(() -> briefedInLog(serve.log()) >= 1000, Duration.ofMinutes(3));
		serve.stop(Duration.ofSeconds(60));

		String log = serve.log();
		assertThat(count(log, "run started (drop folder)")).as(log).isBetween(1L, 3L);
		assertThat(briefedInLog(log)).isEqualTo(1000);
		Map<String, Integer> briefedPerFile = new HashMap<>();
		String url = "jdbc:h2:file:" + output.resolve("state/nachtbrief");
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT PATH, COUNT(*) FROM NB_DOCUMENT WHERE STATUS = 'BRIEFED' GROUP BY PATH")) {
			while (rows.next()) {
				briefedPerFile.put(rows.getString(1), rows.getInt(2));
			}
		}
		assertThat(briefedPerFile).hasSize(1000);
		assertThat(briefedPerFile.values()).containsOnly(1);
	}

	@Test
	void stoppingDuringARunLetsItStopGracefullyAndTheNextRunResumesIt() throws Exception {
		Path jobs = Files.createDirectories(this.workspace.resolve("jobs"));
		Path input = Files.createDirectories(this.workspace.resolve("drop"));
		Path output = this.workspace.resolve("output");
		Files.writeString(jobs.resolve("drop.yaml"),
				"input:\n  folder: " + input + "\n  stable-for: 0s\noutput:\n  folder: " + output
						+ "\nbackends:\n  summarize: extractive\n  translate: extractive\n"
						+ "schedule:\n  enabled: false\nwatch:\n  enabled: true\n  settle: 200ms\n");
		for (int i = 0; i < 1500; i++) {
			Files.writeString(input.resolve("meldung-%04d.txt".formatted(i)),
					"Die Gemeinde Nummer " + i + " hat am Montag einen neuen Bürgermeister gewählt. Er erhielt "
							+ (40 + i % 50) + " Prozent der Stimmen, teilte das Wahlamt mit.");
		}
		ServeProcess serve = ServeProcess.start(jobs, "drop");
		Files.writeString(input.resolve("trigger.txt"), "Der Landtag tagt am Mittwoch in Stuttgart.");
		awaitTrue(() -> Files.isDirectory(output.resolve("briefs")), Duration.ofSeconds(60));

		serve.stop(Duration.ofSeconds(120));
		assertThat(serve.log()).contains("run 1 STOPPED").contains("nachtbrief: stopped");
		CommandLines.Result resumed = CommandLines.execute("run", jobs.resolve("drop.yaml").toString());
		assertThat(resumed.exitCode()).as(resumed.text()).isZero();
		assertThat(resumed.out()).contains("Resumed run 1");
		Matcher stopped = Pattern.compile("run 1 STOPPED: (\\d+) briefed").matcher(serve.log());
		assertThat(stopped.find()).isTrue();
		assertThat(Integer.parseInt(stopped.group(1))).as("documents briefed before the stop").isLessThan(1501);
		assertThat(resumed.out()).contains("Run 1: 1501 briefed, 0 failed");
	}

	private static int briefedInLog(String log) {
		Matcher briefed = Pattern.compile("run \\d+ COMPLETED: (\\d+) briefed").matcher(log);
		int total = 0;
		while (briefed.find()) {
			total += Integer.parseInt(briefed.group(1));
		}
		return total;
	}

	private static long count(String text, String part) {
		return text.lines().filter((line) -> line.contains(part)).count();
	}

	static long runs(Path output) throws Exception {
		String url = "jdbc:h2:file:" + output.resolve("state/nachtbrief");
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")) {
			rows.next();
			return rows.getLong(1);
		}
	}

	static void awaitTrue(BooleanSupplier condition, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(condition.getAsBoolean()).as("condition within " + within).isTrue();
	}

}
