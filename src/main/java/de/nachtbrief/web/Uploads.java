package de.nachtbrief.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStore;

/** Files uploaded into a job's input folder, and how far each has come. */
@Service
public class Uploads {

	private final WebJobs jobs;

	Uploads(WebJobs jobs) {
		this.jobs = jobs;
	}

	/** Where an uploaded file is on its way to a brief. */
	public record UploadStatus(String job, String file, State state, Long documentId, String reason) {

		public enum State {

			/** In the input folder, waiting for a run to pick it up. */
			WAITING,
			/** A run has it. */
			BRIEFING,
			/** Briefed: {@code documentId} shows its brief. */
			BRIEFED,
			/** Could not be briefed: {@code reason} says why. */
			FAILED,
			/** Neither in the input folder nor in any run. */
			UNKNOWN

		}

		public boolean finished() {
			return this.state == State.BRIEFED || this.state == State.FAILED || this.state == State.UNKNOWN;
		}

	}

	/**
	 * Writes an uploaded file into the job's input folder under a safe, free name and
	 * asks for a run. The file appears there complete or not at all.
	 * @return the name it got in the input folder
	 * @throws IllegalArgumentException when the name is unusable or the job would not
	 * read such a file
	 */
	public String upload(String jobName, String submittedName, InputStream content) throws IOException {
		WebJob job = this.jobs.require(jobName);
		String name = FileNames.sanitise(submittedName);
		if (name == null) {
			throw new IllegalArgumentException("the file has no usable name: '" + submittedName + "'");
		}
		JobDefinition.Input input = job.definition().input();
		if (!job.scanner().accepts(name)) {
			throw new IllegalArgumentException("job '" + jobName + "' does not read files named '" + name
					+ "' (input.include " + input.include() + ", exclude " + input.exclude() + ")");
		}
		Files.createDirectories(job.inputFolder());
		// A hidden .part name: no run reads it until it is renamed.
		Path partial = job.inputFolder().resolve(".upload-" + UUID.randomUUID() + ".part");
		try {
			long size = Files.copy(content, partial);
			if (size == 0) {
				throw new IllegalArgumentException("'" + name + "' is empty");
			}
			synchronized (WebFiles.FREE_NAMES) {
				Path target = FileNames.free(job.inputFolder().resolve(name));
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
				// A watched folder starts its own run once the file has settled; asking
				// too would only add a run that finds nothing new.
				if (!job.definition().watch().enabled()) {
					job.requestRun("upload");
				}
				return target.getFileName().toString();
			}
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	/** How far a file in the job's input folder has come. */
	public UploadStatus uploadStatus(String jobName, String file) {
		WebJob job = this.jobs.require(jobName);
		DocumentStore store = new DocumentStore(job.jdbc());
		Path path = job.inputFolder().resolve(file).normalize();
		boolean inInput = path.startsWith(job.inputFolder()) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
		Optional<DocumentRecord> latest = store.latestFor(jobName, file);
		// A record older than the file is of an earlier file of that name.
		if (latest.isPresent() && !(inInput && WebFiles.modified(path).isAfter(store.updatedAt(latest.get().id())))) {
			DocumentRecord document = latest.get();
			return switch (document.status()) {
				case BRIEFED -> new UploadStatus(jobName, file, UploadStatus.State.BRIEFED, document.id(), null);
				case FAILED ->
					new UploadStatus(jobName, file, UploadStatus.State.FAILED, document.id(), document.reason());
				case PENDING -> new UploadStatus(jobName, file, UploadStatus.State.BRIEFING, document.id(), null);
				// The same content was briefed before: that brief is this file's. The
				// skip
				// reason is left out: it speaks to the command line (--force), and a
				// drop-folder run after an upload records one for the file just briefed.
				case SKIPPED -> store.latestBriefed(document.sha256())
					.map((earlier) -> new UploadStatus(jobName, file, UploadStatus.State.BRIEFED, earlier.id(), null))
					.orElse(new UploadStatus(jobName, file, UploadStatus.State.BRIEFING, document.id(),
							document.reason()));
			};
		}
		return new UploadStatus(jobName, file, inInput ? UploadStatus.State.WAITING : UploadStatus.State.UNKNOWN, null,
				null);
	}

}
