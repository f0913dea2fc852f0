package de.nachtbrief.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.delivery.OutboxEntry;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.ingest.InputScanner;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.RunHistory;
import de.nachtbrief.store.RunHistory.RunRow;

/**
 * What the dashboard and its API show and do, read from each job's state database and
 * output folder. Pages and API call the same methods, so they never disagree.
 */
@Service
public class Dashboard {

	private static final Pattern ERROR_REASON = Pattern.compile("(?m)^Reason: (.*)$");

	private static final Pattern ERROR_JOB = Pattern.compile("(?m)^Run \\d+ of job '(.+)', ");

	private final WebJobs jobs;

	/**
	 * Held from choosing a free name to moving a file there, so two uploads or retries
	 * never pick the same one.
	 */
	private final Object namesLock = new Object();

	Dashboard(WebJobs jobs) {
		this.jobs = jobs;
	}

	/** A served job as the run list shows it. */
	public record JobView(String name, String schedule, ZonedDateTime nextRun, boolean watching, String inputFolder,
			String outputFolder, List<String> languages, int waitingFiles) {
	}

	/** A run with everything that happened in it. */
	public record RunDetail(RunRow run, List<DocumentView> documents, List<DigestFile> digests,
			List<OutboxEntry> deliveries) {
	}

	/**
	 * A document of a run; {@code headline} is the brief's, in the job's first language.
	 */
	public record DocumentView(long id, String file, DocumentStatus status, String reason, String headline,
			String backend, String model, long tokens, long durationMs) {
	}

	public record DigestFile(String language, String file) {
	}

	/** A brief with the record of the document it was made from. */
	public record BriefView(String job, DocumentRecord document, BriefDocument brief) {
	}

	/** A file in {@code failed/}, with the reason written beside it. */
	public record FailedFile(String job, String file, String reason, long sizeBytes, Instant failedAt) {
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

	public List<JobView> jobs() {
		return this.jobs.all().stream().map(this::view).toList();
	}

	private JobView view(WebJob job) {
		JobDefinition definition = job.definition();
		String schedule = definition.schedule().enabled()
				? definition.schedule().cron() + " (" + definition.schedule().zone() + ")" : "off";
		// In the schedule's own zone, as the cron expression reads.
		ZonedDateTime nextRun = job.nextScheduledRun()
			.map((instant) -> instant.atZone(definition.schedule().zoneId()))
			.orElse(null);
		return new JobView(job.name(), schedule, nextRun, definition.watch().enabled(), job.inputFolder().toString(),
				job.outputFolder().toString(),
				definition.targetLanguages().stream().map((language) -> language.code()).toList(), waiting(job));
	}

	/**
	 * Files in the input folder that no run has finished with yet, or that changed since:
	 * briefed files stay there unless the job archives them.
	 */
	private static int waiting(WebJob job) {
		InputScanner scanner = scanner(job);
		if (!Files.isDirectory(job.inputFolder())) {
			return 0;
		}
		Map<String, Instant> finished = new HashMap<>();
		job.jdbc()
			.sql("SELECT PATH, MAX(UPDATED_AT) FROM NB_DOCUMENT WHERE JOB_NAME = ? AND STATUS <> 'PENDING' GROUP BY PATH")
			.param(job.name())
			.query((rs) -> {
				finished.put(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
			});
		try (Stream<Path> files = Files.walk(job.inputFolder())) {
			return (int) files.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter((file) -> scanner.accepts(relative(job.inputFolder(), file)))
				.filter((file) -> {
					Instant done = finished.get(relative(job.inputFolder(), file));
					return done == null || modified(file).isAfter(done);
				})
				.count();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static Instant modified(Path file) {
		try {
			return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
		}
		catch (IOException ex) {
			return Instant.MAX;
		}
	}

	/** The latest runs of every job, newest first; a resumed run shows each attempt. */
	public List<RunRow> runs(int limit) {
		return this.jobs.onePerDatabase()
			.stream()
			.flatMap((job) -> new RunHistory(job.jdbc()).recent(limit).stream())
			.sorted(Comparator.comparing(RunRow::started, Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
			.limit(limit)
			.toList();
	}

	public Optional<RunDetail> run(String jobName, long run) {
		Optional<WebJob> found = this.jobs.named(jobName);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		WebJob job = found.get();
		// Jobs sharing an output folder share a database: a run is only its own job's.
		Optional<RunRow> row = new RunHistory(job.jdbc()).run(run)
			.filter((execution) -> jobName.equals(execution.job()));
		if (row.isEmpty()) {
			return Optional.empty();
		}
		BriefFiles files = new BriefFiles(job.outputFolder(), List.of());
		DocumentStore store = new DocumentStore(job.jdbc());
		Map<Long, String> headlines = store.headlines(run);
		List<DocumentView> documents = store.all(run)
			.stream()
			.map((document) -> new DocumentView(document.id(), document.path(), document.status(), document.reason(),
					headlines.containsKey(document.id()) ? headlines.get(document.id()) : headline(files, document),
					document.backend(), document.model(), document.inputTokens() + document.outputTokens(),
					document.durationMs()))
			.toList();
		return Optional.of(new RunDetail(row.get(), documents, digests(job, run),
				job.context().getBean(DeliveryService.class).entriesOf(run)));
	}

	/** From the brief's file, for briefs recorded before their headline was. */
	private static String headline(BriefFiles files, DocumentRecord document) {
		if (document.briefPath() == null) {
			return null;
		}
		try {
			return files.read(document.briefPath())
				.briefs()
				.values()
				.stream()
				.findFirst()
				.map((localized) -> localized.brief().headline())
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static List<DigestFile> digests(WebJob job, long run) {
		Path folder = job.outputFolder().resolve("digests");
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		Pattern name = Pattern.compile("\\d{4}-\\d\\d-\\d\\d-run-" + run + "\\.([A-Za-z-]+)\\.html");
		try (Stream<Path> files = Files.list(folder)) {
			return files.map((file) -> name.matcher(file.getFileName().toString()))
				.filter(Matcher::matches)
				.map((match) -> new DigestFile(match.group(1), match.group()))
				.sorted(Comparator.comparing(DigestFile::language))
				.toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** A digest page of a run, as written; the name must be one {@link #run} listed. */
	public Optional<String> digestHtml(String jobName, long run, String language) {
		return this.jobs.named(jobName)
			.flatMap((job) -> digests(job, run).stream()
				.filter((digest) -> digest.language().equals(language))
				.findFirst()
				.map((digest) -> read(job.outputFolder().resolve("digests").resolve(digest.file()))));
	}

	/**
	 * A page of one section of a run's digest, by its file name
	 * ({@code <date>-run-<run>.<language>.section-<n>.html}), which only names that run.
	 */
	public Optional<String> digestSectionHtml(String jobName, long run, String file) {
		Pattern name = Pattern.compile("\\d{4}-\\d\\d-\\d\\d-run-" + run + "\\.[A-Za-z-]+\\.section-\\d{1,3}\\.html");
		if (!name.matcher(file).matches()) {
			return Optional.empty();
		}
		return this.jobs.named(jobName)
			.map((job) -> job.outputFolder().resolve("digests").resolve(file))
			.filter(Files::isRegularFile)
			.map(Dashboard::read);
	}

	public Optional<BriefView> brief(String jobName, long documentId) {
		return this.jobs.named(jobName).flatMap((job) -> {
			Optional<DocumentRecord> document = new DocumentStore(job.jdbc()).byId(jobName, documentId);
			if (document.isEmpty() || document.get().briefPath() == null) {
				return Optional.empty();
			}
			try {
				BriefDocument brief = new BriefFiles(job.outputFolder(), List.of()).read(document.get().briefPath());
				return Optional.of(new BriefView(job.name(), document.get(), brief));
			}
			catch (IOException ex) {
				return Optional.empty();
			}
		});
	}

	/**
	 * The document a digest links to, by the link's brief file name
	 * ({@code <slug>.<language>.md} under {@code briefs/<date>/}).
	 */
	public Optional<Long> documentOfBriefFile(String jobName, String date, String slug) {
		WebJob job = job(jobName);
		return new DocumentStore(job.jdbc()).byBriefPath(jobName, "briefs/" + date + "/" + slug + ".json")
			.map(DocumentRecord::id);
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
			String text = read(note);
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
			return new FailedFile(job.name(), relative(folder, file), reason, Files.size(file),
					Files.getLastModifiedTime(file).toInstant());
		}
		catch (IOException ex) {
			return new FailedFile(job.name(), relative(folder, file), reason, 0, Instant.EPOCH);
		}
	}

	/**
	 * Puts a failed file back into its job's input folder, without its error note, and
	 * asks for a run.
	 * @return the name it got in the input folder
	 * @throws IllegalArgumentException when there is no such failed file
	 */
	public String retry(String jobName, String file) throws IOException {
		WebJob job = job(jobName);
		Path folder = job.outputFolder().resolve("failed").toAbsolutePath().normalize();
		Path failed = folder.resolve(file).normalize();
		// Checked on the resolved name: "x.error.txt/." must not pass for a file.
		if (!failed.startsWith(folder) || failed.equals(folder) || !failed.toString().equals(folder + "/" + file)
				|| failed.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".error.txt")
				|| !Files.isRegularFile(failed, LinkOption.NOFOLLOW_LINKS)) {
			throw new NotFoundException("no failed file '" + file + "' in job '" + jobName + "'");
		}
		Path target;
		synchronized (this.namesLock) {
			target = FileNames.free(job.inputFolder().resolve(folder.relativize(failed).toString()));
			Files.createDirectories(target.getParent());
			moveInto(failed, target);
		}
		// Back in the input folder now, so it counts as new there.
		Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
		Files.deleteIfExists(failed.resolveSibling(failed.getFileName() + ".error.txt"));
		job.requestRun("retry");
		return relative(job.inputFolder(), target);
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

	/**
	 * Writes an uploaded file into the job's input folder under a safe, free name and
	 * asks for a run. The file appears there complete or not at all.
	 * @return the name it got in the input folder
	 * @throws IllegalArgumentException when the name is unusable or the job would not
	 * read such a file
	 */
	public String upload(String jobName, String submittedName, InputStream content) throws IOException {
		WebJob job = job(jobName);
		String name = FileNames.sanitise(submittedName);
		if (name == null) {
			throw new IllegalArgumentException("the file has no usable name: '" + submittedName + "'");
		}
		JobDefinition.Input input = job.definition().input();
		if (!scanner(job).accepts(name)) {
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
			synchronized (this.namesLock) {
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
		WebJob job = job(jobName);
		DocumentStore store = new DocumentStore(job.jdbc());
		Path path = job.inputFolder().resolve(file).normalize();
		boolean inInput = path.startsWith(job.inputFolder()) && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
		Optional<DocumentRecord> latest = store.latestFor(jobName, file);
		// A record older than the file is of an earlier file of that name.
		if (latest.isPresent() && !(inInput && modified(path).isAfter(store.updatedAt(latest.get().id())))) {
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

	/** Asks for a run of the job now. */
	public boolean runNow(String jobName) {
		return job(jobName).requestRun("dashboard");
	}

	/** Decides, as a run would, which files of the job's input folder are read. */
	private static InputScanner scanner(WebJob job) {
		JobDefinition.Input input = job.definition().input();
		return new InputScanner(job.inputFolder(), input.include(), input.exclude(), input.stableFor());
	}

	private WebJob job(String name) {
		return this.jobs.named(name).orElseThrow(() -> new NotFoundException("no job named '" + name + "'"));
	}

	private static String relative(Path folder, Path file) {
		return folder.relativize(file).toString().replace('\\', '/');
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
