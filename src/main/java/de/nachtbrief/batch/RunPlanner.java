package de.nachtbrief.batch;

import de.nachtbrief.Hashes;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.JobDefinitions;
import de.nachtbrief.definition.Language;
import de.nachtbrief.brief.Glossary;
import de.nachtbrief.llm.BackendChoice;
import de.nachtbrief.llm.BackendRegistry;

/**
 * Applies the command line to the job file and chooses the backends, giving the plan of
 * one run.
 */
public class RunPlanner {

	private final BackendRegistry backends;

	public RunPlanner(BackendRegistry backends) {
		this.backends = backends;
	}

	/** Reads the job file only; no backend is contacted. */
	public static JobDefinition definition(RunOptions options) {
		return JobDefinitions.load(JobDefinitions.locate(options.jobsFolder(), options.job()));
	}

	/**
	 * The folder the run writes to, known before anything else starts, since the state
	 * database lives there.
	 */
	public static Path outputFolder(RunOptions options, JobDefinition definition) {
		return (options.output() != null ? options.output() : definition.output().folder()).toAbsolutePath()
			.normalize();
	}

	public RunPlan plan(RunOptions options, JobDefinition definition) {
		return plan(options, definition, Clock.systemDefaultZone());
	}

	/**
	 * @param clock dates the run, and so its digests: {@code serve} passes the clock it
	 * schedules by
	 */
	public RunPlan plan(RunOptions options, JobDefinition definition, Clock clock) {
		List<Language> languages = options.languages() != null
				? options.languages().stream().map(Language::fromCode).distinct().toList()
				: definition.targetLanguages();
		String summarizeName = options.backend() != null ? options.backend() : definition.backends().summarize();
		String translateName = options.backend() != null ? options.backend() : definition.backends().translate();
		BackendChoice summarize = this.backends.resolve(summarizeName, options.baseUrl(), options.model());
		BackendChoice translate = this.backends.resolve(translateName, options.baseUrl(), options.model());
		Path input = (options.input() != null ? options.input() : definition.input().folder()).toAbsolutePath()
			.normalize();
		String jobName = Path.of(options.job()).getFileName().toString().replaceAll("\\.ya?ml$", "");
		return new RunPlan(jobName, definition, input, outputFolder(options, definition), languages, summarize,
				translate, options.force() || options.fresh(), options.fresh(),
				settingsHash(definition, languages, summarize, translate), LocalDate.now(clock).toString(), options);
	}

	/**
	 * Everything that changes what a brief says; equal hashes for equal content mean
	 * "already briefed".
	 */
	static String settingsHash(JobDefinition definition, List<Language> languages, BackendChoice summarize,
			BackendChoice translate) {
		String settings = String.join("|", languages.toString(), definition.brief().toString(),
				summarize.name() + ":" + summarize.modelName(), translate.name() + ":" + translate.modelName(),
				"prompts:" + ModelBriefer.promptVersion(), "extraction:" + definition.extraction(),
				"glossary:" + Glossary.refreshed(definition.brief()).fingerprint());
		return Hashes.sha256Hex(settings);
	}

}
