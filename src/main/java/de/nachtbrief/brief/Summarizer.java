package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ContextTooLongException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.text.Chunk;
import de.nachtbrief.text.Chunker;
import de.nachtbrief.text.TokenCounter;

/**
 * Drafts a source's brief in every language asked for, sending the source once: in one
 * call when it fits the summarizer's window, else chunk by chunk (map, each part briefed
 * in the source's language) and merged from the partial briefs into every language
 * (reduce). When the backend still finds a prompt too long (its real window is smaller
 * than configured, or it counts tokens differently), the chunk size is halved and the
 * document briefed again, at most {@value #MAX_HALVINGS} times.
 */
final class Summarizer {

	static final int MAX_HALVINGS = 2;

	/** Tokens kept free in the window for the instructions and the schema. */
	private static final int RESERVED_TOKENS = 1_000;

	/** Tokens kept free in the window for each language's part of the answer. */
	private static final int RESERVED_PER_LANGUAGE = 1_000;

	private static final int OVERLAP_TOKENS = 150;

	private static final Logger log = LoggerFactory.getLogger(Summarizer.class);

	private final ModelBackend model;

	private final Chunker chunker = new Chunker();

	Summarizer(ModelBackend model) {
		this.model = model;
	}

	/**
	 * @param languages the names of the languages to write, by the codes the draft uses
	 * as keys
	 * @param sourceLanguage the name of the source's language, for the map calls
	 * @param removed what the grounding check took out of the previous draft, named in
	 * the final prompt when not empty
	 */
	BriefDraft draft(ExtractedDocument document, Map<String, String> languages, String sourceLanguage,
			JobDefinition.Shape shape, AnswerTally tally, List<String> removed) {
		int budget = Chunker.chunkBudget(this.model.contextWindow(),
				RESERVED_TOKENS + RESERVED_PER_LANGUAGE * languages.size());
		int sourceTokens = sourceTokens(document.text(), budget);
		for (int halvings = 0;; halvings++) {
			try {
				return draftWithin(budget, sourceTokens, document, languages, sourceLanguage, shape, tally, removed);
			}
			catch (ContextTooLongException ex) {
				tally.spent(ex.usage());
				if (halvings == MAX_HALVINGS) {
					throw new ContextTooLongException("the document is too long for backend '" + this.model.name()
							+ "' even in chunks of " + budget + " tokens, after halving the chunk size " + MAX_HALVINGS
							+ " times: " + ex.getMessage(), tally.usage(), ex);
				}
				// Halving from the source's size too, so that a source sent whole is
				// split next time.
				budget = Math.max(1, Math.min(budget, TokenCounter.shared().count(document.text())) / 2);
				log.info("Backend '{}' found a prompt too long; briefing the document again in chunks of {} tokens",
						this.model.name(), budget);
			}
		}
	}

	/**
	 * The source's tokens, or its UTF-8 length when that shows it fits the budget: a
	 * token is at least one byte, and counting would be most of a short document's own
	 * work.
	 */
	private static int sourceTokens(String text, int budget) {
		long bytes = TokenCounter.utf8Length(text, budget);
		return bytes <= budget ? (int) bytes : TokenCounter.shared().count(text);
	}

	private BriefDraft draftWithin(int budget, int sourceTokens, ExtractedDocument document,
			Map<String, String> languages, String sourceLanguage, JobDefinition.Shape shape, AnswerTally tally,
			List<String> removed) {
		String title = document.title() != null ? document.title() : "";
		AnswerFormat<BriefDraft> format = AnswerFormat.of(BriefDraft.class)
			.withKeys(BriefDraft.LANGUAGES, List.copyOf(languages.keySet()));
		if (sourceTokens <= budget) {
			return tally.add(this.model.ask(corrected(Glossary.of(shape)
				.appliedTo(
						Prompts.brief(languages, title, document.text(), shape.keyPoints(), shape.summarySentences())),
					removed), format));
		}
		List<Brief> partials = new ArrayList<>();
		int overlap = Math.min(OVERLAP_TOKENS, budget / 4);
		for (Chunk chunk : this.chunker.chunk(document.text(), budget, overlap)) {
			partials.add(tally.add(this.model.ask(
					Prompts.summarize(sourceLanguage, title, chunk.text(), shape.keyPoints(), shape.summarySentences()),
					Brief.class)));
		}
		return tally.add(this.model.ask(corrected(
				Glossary.of(shape)
					.appliedTo(Prompts.reduce(languages, title, partials, shape.keyPoints(), shape.summarySentences())),
				removed), format));
	}

	private static Prompt corrected(Prompt prompt, List<String> removed) {
		return removed.isEmpty() ? prompt : Prompts.corrected(prompt, removed);
	}

}
