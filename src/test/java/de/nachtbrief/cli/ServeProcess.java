package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} running in-process on a free port, for tests outside this package that
 * talk to its dashboard. Closing it stops serve and checks that it exited cleanly.
 */
public final class ServeProcess implements AutoCloseable {

	private static final Pattern DASHBOARD = Pattern.compile("nachtbrief: dashboard on (http://\\S+)");

	private final ServeCommand serve;

	private final StringWriter out;

	private final CompletableFuture<Integer> exit;

	private final String url;

	private ServeProcess(ServeCommand serve, StringWriter out, CompletableFuture<Integer> exit, String url) {
		this.serve = serve;
		this.out = out;
		this.exit = exit;
		this.url = url;
	}

	/**
	 * Starts {@code serve ARG... --jobs jobsFolder --port=0} and waits until it serves;
	 * the arguments are job names and further options.
	 */
	public static ServeProcess start(Path jobsFolder, String... jobs) throws InterruptedException {
		return start(Clock.systemDefaultZone(), Duration.ofMillis(100), jobsFolder, jobs);
	}

	/** The same, with the clock serve schedules by and how often it looks. */
	public static ServeProcess start(Clock clock, Duration tick, Path jobsFolder, String... jobs)
			throws InterruptedException {
		ServeCommand serve = new ServeCommand();
		serve.clock = clock;
		serve.tick = tick;
		StringWriter out = new StringWriter();
		CommandLine command = new CommandLine(serve);
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(out, true));
		List<String> args = new ArrayList<>(List.of(jobs));
		args.addAll(List.of("--jobs", jobsFolder.toString(), "--port=0"));
		CompletableFuture<Integer> exit = CompletableFuture
			.supplyAsync(() -> command.execute(args.toArray(String[]::new)));
		ServeCommandTests.awaitTrue(() -> out.toString().contains("nachtbrief: serving") || exit.isDone(),
				Duration.ofSeconds(60));
		Matcher dashboard = DASHBOARD.matcher(out.toString());
		assertThat(dashboard.find()).as(out.toString()).isTrue();
		return new ServeProcess(serve, out, exit, dashboard.group(1));
	}

	/**
	 * The dashboard's address, such as {@code http://127.0.0.1:40123}, without a slash.
	 */
	public String url() {
		return this.url;
	}

	/** Everything serve printed so far. */
	public String log() {
		return this.out.toString();
	}

	@Override
	public void close() throws Exception {
		stop(Duration.ofSeconds(60));
	}

	/** Stops serve as SIGTERM would and checks it exits cleanly within the time given. */
	public void stop(Duration timeout) throws Exception {
		this.serve.stop();
		assertThat(this.exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS)).as(log()).isZero();
	}

}
