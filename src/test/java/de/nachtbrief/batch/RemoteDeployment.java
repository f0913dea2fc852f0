package de.nachtbrief.batch;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.store.PostgresState;

/**
 * A deployment past one machine, from the real jar: a manager and workers, each a JVM of
 * its own, on a fresh PostgreSQL database and an Artemis broker that this JVM starts.
 * Logs go to {@code <name>.log} in the workspace.
 */
final class RemoteDeployment implements AutoCloseable {

	private static final Path JAR = Path.of("target/nachtbrief.jar");

	private final Path workspace;

	private final PostgresState state;

	private final EmbeddedActiveMQ broker;

	private final String brokerUrl;

	private final List<Process> workers = new ArrayList<>();

	private final List<String> jvmOptions;

	/**
	 * @param jvmOptions for every process started, such as {@link ChildJvms#QUICK_START}
	 */
	RemoteDeployment(Path workspace, String... jvmOptions) throws Exception {
		this.workspace = workspace;
		this.jvmOptions = List.of(jvmOptions);
		this.state = PostgresState.open();
		// This JVM only hosts the servers; the jar's processes get their settings as
		// arguments.
		this.state.close();
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		this.brokerUrl = "tcp://127.0.0.1:" + port;
		// The broker's audit log says every connection at INFO.
		((Logger) LoggerFactory.getLogger("org.apache.activemq")).setLevel(Level.WARN);
		this.broker = new EmbeddedActiveMQ()
			.setConfiguration(new ConfigurationImpl().addAcceptorConfiguration("tcp", this.brokerUrl)
				.setPersistenceEnabled(false)
				.setSecurityEnabled(false)
				.setJMXManagementEnabled(false));
		this.broker.start();
	}

	/**
	 * Starts a worker named {@code worker-N}, N counting from 0; {@link #awaitWorkers}
	 * waits until they take partitions. They may start together: one at a time creates
	 * the schema.
	 */
	Process worker(Path jobs, int threads) throws IOException {
		Process worker = start(List.of("-jar", JAR.toAbsolutePath().toString(), "worker", "--jobs", jobs.toString(),
				"--threads", Integer.toString(threads)), "worker-" + this.workers.size());
		this.workers.add(worker);
		return worker;
	}

	void awaitWorkers() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		for (int number = 0; number < this.workers.size(); number++) {
			String name = "worker-" + number;
			while (!log(name).contains("worker taking partitions")) {
				if (!this.workers.get(number).isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException(name + " did not start: " + log(name));
				}
				Thread.sleep(100);
			}
		}
	}

	/**
	 * Starts {@code run} with these arguments, sending this many partitions to the
	 * workers.
	 */
	Process manager(int partitions, List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("-Dnachtbrief.remote.partitions=" + partitions, "-jar",
				JAR.toAbsolutePath().toString(), "run"));
		command.addAll(arguments);
		return start(command, "manager");
	}

	String log(String name) {
		try {
			return Files.readString(this.workspace.resolve(name + ".log"));
		}
		catch (IOException ex) {
			return "";
		}
	}

	JdbcClient jdbc() {
		return this.state.jdbc();
	}

	/** Stops the workers with SIGTERM, as an operator would, then the broker. */
	@Override
	public void close() throws Exception {
		for (Process worker : this.workers) {
			worker.destroy();
		}
		for (Process worker : this.workers) {
			if (!worker.waitFor(60, TimeUnit.SECONDS)) {
				worker.destroyForcibly();
			}
		}
		this.broker.stop();
	}

	private Process start(List<String> arguments, String name) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
						"-Dspring.datasource.url=" + this.state.url(), "-Dspring.datasource.username=postgres",
						"-Dspring.datasource.password=postgres", "-Dspring.artemis.broker-url=" + this.brokerUrl));
		command.addAll(this.jvmOptions);
		command.addAll(arguments);
		return new ProcessBuilder(command).directory(this.workspace.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.workspace.resolve(name + ".log").toFile())
			.start();
	}

}
