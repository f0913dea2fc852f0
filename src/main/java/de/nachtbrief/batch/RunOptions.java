package de.nachtbrief.batch;

import java.nio.file.Path;
import java.util.List;

/**
 * What the command line says about one run; a null field leaves the job file's value
 * alone.
 */
public record RunOptions(String job, Path jobsFolder, Path input, Path output, List<String> languages, String backend,
		String baseUrl, String model, boolean force, boolean fresh) {

	public RunOptions {
		if (job == null || job.isBlank()) {
			job = "default";
		}
		if (jobsFolder == null) {
			jobsFolder = Path.of("jobs");
		}
	}

}
