package de.nachtbrief.web;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import de.nachtbrief.ingest.FileNames;

/**
 * The files in the jobs' {@code failed/} folders, with the reasons written beside them,
 * and putting one back into its job's input folder for another try.
 */
@Service
public class FailedFiles {

	private static final Pattern ERROR_REASON = Pattern.compile("(?m)^Reason: (.*)$");

	private static final Pattern ERROR_JOB = Pattern.compile("(?m)^Run \\d+ of job '(.+)', ");

	private final WebJobs jobs;

	FailedFiles(WebJobs jobs) {
		this.jobs = jobs;
	}

	/** A file in {@code failed/}, with the reason written beside it. */
	public record FailedFile(String job, String file, String reason, long sizeBytes, Instant failedAt) {
	}

	/** Every file in the jobs' {@code failed/} folders, newest first. */
	public List<FailedFile> failedFiles() {
		List<FailedFile> failed = new ArrayList<>();
		for (WebJob job : this.jobs.onePerDatabase()) {
			Path folder = job.outputFolder().resolve("failed");
			failedPaths(folder).forEach((file) -> failed.add(failedFile(job, folder, file, this.jobs)));
		}
		failed.sort(Comparator.comparing(FailedFile::failedAt).reversed());
		return failed;
	}

	/** How many files wait in {@code failed/}, without reading their notes. */
	public int failedCount() {
		return this.jobs.onePerDatabase()
			.stream()
			.mapToInt((job) -> failedPaths(job.outputFolder().resolve("failed")).size())
			.sum();
	}

	private static List<Path> failedPaths(Path folder) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(folder)) {
			return files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter((file) -> !file.getFileName().toString().endsWith(".error.txt"))
				.toList();
		}
		catch (IOException ex) {
			// A folder that vanished while listed has nothing to show.
			return List.of();
		}
	}

	/**
	 * A failed file, under the job its note names: jobs sharing an output folder share
	 * {@code failed/}, and a retry must go back into the right input folder.
	 */
	private static FailedFile failedFile(WebJob firstOfDatabase, Path folder, Path file, WebJobs jobs) {
		Path note = file.resolveSibling(file.getFileName() + ".error.txt");
		String reason = "no reason was recorded";
		WebJob job = firstOfDatabase;
		if (Files.isRegularFile(note)) {
			String text = WebFiles.read(note);
			Matcher match = ERROR_REASON.matcher(text);
			if (match.find()) {
				reason = match.group(1);
			}
			Matcher named = ERROR_JOB.matcher(text);
			if (named.find()) {
				job = jobs.named(named.group(1))
					.filter((candidate) -> candidate.context() == firstOfDatabase.context())
					.orElse(firstOfDatabase);
			}
		}
		try {
			return new FailedFile(job.name(), WebFiles.relative(folder, file), reason, Files.size(file),
					Files.getLastModifiedTime(file).toInstant());
		}
		catch (IOException ex) {
			return new FailedFile(job.name(), WebFiles.relative(folder, file), reason, 0, Instant.EPOCH);
		}
	}

	/**
	 * Puts a failed file back into its job's input folder, without its error note, and
	 * asks for a run.
	 * @return the name it got in the input folder
	 * @throws IllegalArgumentException when there is no such failed file
	 */
	public String retry(String jobName, String file) throws IOException {
		WebJob job = this.jobs.require(jobName);
		Path folder = job.outputFolder().resolve("failed").toAbsolutePath().normalize();
		Path failed = folder.resolve(file).normalize();
		// Checked on the resolved name: "x.error.txt/." must not pass for a file.
		if (!failed.startsWith(folder) || failed.equals(folder) || !failed.toString().equals(folder + "/" + file)
				|| failed.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".error.txt")
				|| !Files.isRegularFile(failed, LinkOption.NOFOLLOW_LINKS)) {
			throw new NotFoundException("no failed file '" + file + "' in job '" + jobName + "'");
		}
		Path target;
		synchronized (WebFiles.FREE_NAMES) {
			target = FileNames.free(job.inputFolder().resolve(folder.relativize(failed).toString()));
			Files.createDirectories(target.getParent());
			moveInto(failed, target);
		}
		// Back in the input folder now, so it counts as new there.
		Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
		Files.deleteIfExists(failed.resolveSibling(failed.getFileName() + ".error.txt"));
		job.requestRun("retry");
		return WebFiles.relative(job.inputFolder(), target);
	}

	/**
	 * Moves a file so that it appears at the target complete: renamed where both are on
	 * one disk, else copied under a hidden name beside the target first.
	 */
	private static void moveInto(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Path partial = target.resolveSibling(".retry-" + UUID.randomUUID() + ".part");
			try {
				Files.copy(source, partial);
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
				Files.delete(source);
			}
			finally {
				Files.deleteIfExists(partial);
			}
		}
	}

}
