package de.nachtbrief.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Health component {@code folders}: each job's input folder is there and writable (drops
 * and uploads land in it), and each output folder's disk has room for briefs and the
 * state database. DOWN when not, with the folder and what is wrong.
 */
@Component("folders")
class FoldersHealth implements HealthIndicator {

	private final WebJobs jobs;

	private final DataSize minimumFree;

	FoldersHealth(WebJobs jobs, @Value("${nachtbrief.web.minimum-free-disk:500MB}") DataSize minimumFree) {
		this.jobs = jobs;
		this.minimumFree = minimumFree;
	}

	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean allUp = true;
		for (WebJob job : this.jobs.all()) {
			Path input = job.inputFolder();
			String inputProblem = !Files.isDirectory(input) ? "missing"
					: !Files.isWritable(input) ? "not writable" : null;
			allUp &= inputProblem == null;
			details.put(job.name() + ".input",
					Map.of("path", input.toString(), "status", inputProblem != null ? inputProblem : "ok"));
			Path output = job.outputFolder();
			try {
				long free = Files.getFileStore(existingAncestor(output)).getUsableSpace();
				boolean enough = free >= this.minimumFree.toBytes();
				allUp &= enough;
				details.put(job.name() + ".output", Map.of("path", output.toString(), "free", free, "minimumFree",
						this.minimumFree.toBytes(), "status", enough ? "ok" : "low on disk space"));
			}
			catch (IOException ex) {
				allUp = false;
				details.put(job.name() + ".output",
						Map.of("path", output.toString(), "status", "cannot be read: " + ex.getMessage()));
			}
		}
		return (allUp ? Health.up() : Health.down()).withDetails(details).build();
	}

	/** The folder itself, or before its first run the nearest folder above it. */
	private static Path existingAncestor(Path folder) {
		Path existing = folder.toAbsolutePath();
		while (!Files.exists(existing) && existing.getParent() != null) {
			existing = existing.getParent();
		}
		return existing;
	}

}
