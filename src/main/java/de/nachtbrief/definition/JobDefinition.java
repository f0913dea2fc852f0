package de.nachtbrief.definition;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

import de.nachtbrief.delivery.Delivery;

/**
 * One job, as written in {@code jobs/<name>.yaml}: where the files come from, which
 * languages the briefs are in, which backends do the work and what the brief looks like.
 * Every key has a default, so an empty file is a job.
 */
public record JobDefinition(@DefaultValue Input input, @DefaultValue Output output, @DefaultValue( {
		"en", "zh" }) List<String> languages, @DefaultValue Backends backends, @DefaultValue Shape brief,
		@DefaultValue Extraction extraction, @DefaultValue Delivery delivery, @DefaultValue Schedule schedule,
		@DefaultValue Watch watch, Double budget){

	public JobDefinition {
		if (budget != null && !(budget >= 0 && !budget.isInfinite())) {
			throw new IllegalArgumentException(
					"budget: the most a run may spend, in the deployment's currency, zero or more; was " + budget);
		}
		if (languages.isEmpty()) {
			throw new IllegalArgumentException("languages: name at least one of de, en, zh, zh-Hant");
		}
		languages.forEach(Language::fromCode);
		languages = List.copyOf(languages);
		delivery.checkLanguages(languages);
	}

	public List<Language> targetLanguages() {
		return this.languages.stream().map(Language::fromCode).distinct().toList();
	}

	/**
	 * Where source files are found, and what happens to them. Globs are matched against
	 * the path relative to the folder. A file whose size or modification time changes
	 * within {@code stableFor} is still being written and waits for the next run. Nothing
	 * is ever deleted: a briefed file stays or moves to {@code archive/}, a failed one
	 * moves to {@code failed/} with a note saying why, both in the output folder.
	 */
	public record Input(@DefaultValue("input") Path folder, @DefaultValue("**") List<String> include, @DefaultValue( {
		}) List<String> exclude, @DefaultValue("2s") Duration stableFor,
			@DefaultValue("keep") AfterSuccess afterSuccess, @DefaultValue("move") AfterFailure afterFailure){

		public Input {
			if (include.isEmpty()) {
				throw new IllegalArgumentException("input.include: name at least one glob, e.g. '**'");
			}
			if (stableFor.isNegative() || stableFor.compareTo(Duration.ofMinutes(10)) > 0) {
				throw new IllegalArgumentException("input.stable-for must be between 0s and 10m, was " + stableFor);
			}
		}

	}

	/** What happens to a source file once its brief is written. */
	public enum AfterSuccess {

		/** It stays in the input folder; its content is not briefed again. */
		KEEP,
		/** It moves to {@code archive/} in the output folder. */
		ARCHIVE

	}

	/** What happens to a source file that could not be briefed. */
	public enum AfterFailure {

		/**
		 * It moves to {@code failed/} in the output folder, beside a {@code .error.txt}
		 * saying why.
		 */
		MOVE,
		/** It stays, and is tried again on the next run. */
		KEEP

	}

	/** Where briefs, digests, run reports and the state database go. */
	public record Output(@DefaultValue("output") Path folder, @DefaultValue( {
			"markdown", "html" }) List<OutputFormat> formats){
	}

	/**
	 * Backend names per role, as configured under {@code nachtbrief.backends}, or
	 * {@code auto} or {@code extractive}; and how the summarizer is sent the documents.
	 */
	public record Backends(@DefaultValue("auto") String summarize, @DefaultValue("auto") String translate,
			@DefaultValue("direct") Mode mode) {

		public Backends {
			if (summarize.isBlank() || translate.isBlank()) {
				throw new IllegalArgumentException("backends: a role needs a backend name (or 'auto')");
			}
		}

	}

	/** How a run sends its documents to the summarizer. */
	public enum Mode {

		/** Each document's calls as it is briefed. */
		DIRECT,
		/**
		 * All at once, as one batch at the provider (OpenAI-compatible backends), at its
		 * batch price; the run waits for the answers.
		 */
		BATCH

	}

	/**
	 * The brief's shape, and the job's glossary.
	 *
	 * @param glossary a CSV file of German terms and their English and Chinese renderings
	 * (see {@code de.nachtbrief.brief.Glossary}), or null
	 */
	public record Shape(@DefaultValue("5") int keyPoints, @DefaultValue("4") int summarySentences, String glossary) {

		public Shape {
			if (keyPoints < 1 || keyPoints > 20) {
				throw new IllegalArgumentException("brief.key-points must be between 1 and 20, was " + keyPoints);
			}
			if (summarySentences < 1 || summarySentences > 10) {
				throw new IllegalArgumentException(
						"brief.summary-sentences must be between 1 and 10, was " + summarySentences);
			}
		}

	}

	/**
	 * Limits for reading one file. Files are parsed in a child JVM with its own heap,
	 * which is killed when it takes longer than the timeout, so a hostile file cannot
	 * hang or exhaust the run.
	 */
	public record Extraction(@DefaultValue("2000000") int maxCharacters, @DefaultValue("120s") Duration timeout,
			@DefaultValue("1g") String maxHeap) {

		public Extraction {
			if (maxCharacters < 1000) {
				throw new IllegalArgumentException(
						"extraction.max-characters must be at least 1000, was " + maxCharacters);
			}
			if (timeout.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("extraction.timeout must be at least 1s, was " + timeout);
			}
			if (!maxHeap.matches("\\d+[mMgG]")) {
				throw new IllegalArgumentException(
						"extraction.max-heap must be a size like 512m or 2g, was '" + maxHeap + "'");
			}
		}

	}

}
