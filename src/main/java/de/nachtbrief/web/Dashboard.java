package de.nachtbrief.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.delivery.DeliveryService;
import de.nachtbrief.delivery.OutboxEntry;
import de.nachtbrief.ingest.InputScanner;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;
import de.nachtbrief.store.RunHistory;
import de.nachtbrief.store.RunHistory.RunRow;

/**
 * The jobs, their runs, briefs and digests as the dashboard and its API show them, read
 * from each job's state database and output folder. Pages and API call the same methods,
 * so they never disagree. Failed files and uploads are {@link FailedFiles} and
 * {@link Uploads}.
 */
@Service
public class Dashboard {

	private final WebJobs jobs;

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
		InputScanner scanner = job.scanner();
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
				.filter((file) -> scanner.accepts(WebFiles.relative(job.inputFolder(), file)))
				.filter((file) -> {
					Instant done = finished.get(WebFiles.relative(job.inputFolder(), file));
					return done == null || WebFiles.modified(file).isAfter(done);
				})
				.count();
		}
		catch (IOException ex) {
			return 0;
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
				.map((digest) -> WebFiles.read(job.outputFolder().resolve("digests").resolve(digest.file()))));
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
			.map(WebFiles::read);
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
		WebJob job = this.jobs.require(jobName);
		return new DocumentStore(job.jdbc()).byBriefPath(jobName, "briefs/" + date + "/" + slug + ".json")
			.map(DocumentRecord::id);
	}

	/** Asks for a run of the job now. */
	public boolean runNow(String jobName) {
		return this.jobs.require(jobName).requestRun("dashboard");
	}

}
