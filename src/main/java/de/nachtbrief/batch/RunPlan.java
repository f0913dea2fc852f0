package de.nachtbrief.batch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractionOptions;
import de.nachtbrief.llm.BackendChoice;
import de.nachtbrief.llm.ProviderBatch;

/**
 * Everything one run is decided by: the job file with the command line's overrides
 * applied, the chosen backends, and the hash of the settings that shape a brief (same
 * content + same hash = already briefed). {@code force} briefs already briefed content
 * again; {@code fresh} also asks the model again instead of replaying completed calls.
 * {@code options} are the command line's, from which a worker plans the same run.
 */
public record RunPlan(String jobName, JobDefinition definition, Path inputFolder, Path outputFolder,
		List<Language> languages, BackendChoice summarize, BackendChoice translate, boolean force, boolean fresh,
		String settingsHash, String date, RunOptions options) {

	public RunPlan {
		Objects.requireNonNull(jobName, "jobName");
		Objects.requireNonNull(definition, "definition");
		Objects.requireNonNull(summarize, "summarize");
		Objects.requireNonNull(translate, "translate");
		languages = List.copyOf(languages);
	}

	/**
	 * Documents in flight at once: as many as the summarizer's calls in flight can brief
	 * (one each, or a pack each), plus one per core, so that reading, checking and
	 * writing documents overlap the model's waits instead of adding to them (each
	 * backend's throttle keeps its calls within its {@code max-concurrency}); the cores
	 * alone for the extractive summarizer.
	 */
	public int workers() {
		int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
		return this.summarize.isExtractive() ? cores
				: concurrency() * this.summarize.model().packing().documents() + cores;
	}

	/**
	 * Whether the summarizer is sent the documents as one provider batch rather than as
	 * they are briefed.
	 */
	public boolean batchMode() {
		return !this.summarize.isExtractive() && this.definition.backends().mode() == JobDefinition.Mode.BATCH;
	}

	/**
	 * What the summarizer's calls cost as a share of their direct price: in batch mode
	 * its batch price, else 1.
	 */
	public double priceFactor() {
		return batchMode() ? this.summarize.model().batch().map(ProviderBatch::priceFactor).orElse(1.0) : 1.0;
	}

	/** How the run's files are read: the job's extraction limits. */
	public ExtractionOptions extractionOptions() {
		JobDefinition.Extraction limits = this.definition.extraction();
		return ExtractionOptions.defaults()
			.withMaxCharacters(limits.maxCharacters())
			.withTimeout(limits.timeout())
			.withMaxHeap(limits.maxHeap());
	}

	/**
	 * Calls the summarizer takes at a time, or the cores for the extractive summarizer.
	 */
	public int concurrency() {
		if (this.summarize.isExtractive()) {
			return Math.max(1, Runtime.getRuntime().availableProcessors());
		}
		return this.summarize.model().maxConcurrency();
	}

}
