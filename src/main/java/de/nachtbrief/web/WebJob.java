package de.nachtbrief.web;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.ingest.InputScanner;

/**
 * What the dashboard sees of one job that {@code serve} runs: its settings, folders and
 * state database, and a way to ask for a run.
 */
public interface WebJob {

	String name();

	JobDefinition definition();

	Path inputFolder();

	Path outputFolder();

	/** The job's Spring context: its state database, backends and meters. */
	ApplicationContext context();

	default JdbcClient jdbc() {
		return context().getBean(JdbcClient.class);
	}

	/** Decides, as a run would, which files of the input folder are read. */
	default InputScanner scanner() {
		JobDefinition.Input input = definition().input();
		return new InputScanner(inputFolder(), input.include(), input.exclude(), input.stableFor());
	}

	/** When the schedule next starts a run, if the job has one. */
	Optional<Instant> nextScheduledRun();

	/**
	 * Asks for a run now; one already going gets a single follow-up run.
	 * @return false when the request was folded into a pending run or the service is
	 * stopping
	 */
	boolean requestRun(String reason);

}
