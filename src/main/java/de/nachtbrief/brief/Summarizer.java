package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.List;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.text.Chunk;
import de.nachtbrief.text.Chunker;
import de.nachtbrief.text.TokenCounter;

/**
 * Briefs a source in its own language, sending it once: in one call when it fits the summarizer's window, else chunk
 * by chunk (map) and merged from the partial briefs (reduce).
 */
final class Summarizer {

	/** Tokens kept free in the window for the instructions and the answer. */
	private static final int RESERVED_TOKENS = 3_000;

	private static final int OVERLAP_TOKENS = 150;

	private final ModelBackend model;

	private final Chunker chunker = new Chunker();

	Summarizer(ModelBackend model) {
		this.model = model;
	}

	Brief summarize(ExtractedDocument document, String languageName, JobDefinition.Shape shape, AnswerTally tally) {
		int budget = Chunker.chunkBudget(this.model.contextWindow(), RESERVED_TOKENS);
		return summarizeWithin(budget, TokenCounter.shared().count(document.text()), document, languageName, shape,
				tally);
	}

	private Brief summarizeWithin(int budget, int sourceTokens, ExtractedDocument document, String languageName,
			JobDefinition.Shape shape, AnswerTally tally) {
		String title = document.title() != null ? document.title() : "";
		if (sourceTokens <= budget) {
			return tally.add(this.model.ask(Prompts.summarize(languageName, title, document.text(), shape.keyPoints(),
					shape.summarySentences()), Brief.class));
		}
		List<Brief> partials = new ArrayList<>();
		int overlap = Math.min(OVERLAP_TOKENS, budget / 4);
		for (Chunk chunk : this.chunker.chunk(document.text(), budget, overlap)) {
			partials.add(tally.add(this.model.ask(Prompts.summarize(languageName, title, chunk.text(),
					shape.keyPoints(), shape.summarySentences()), Brief.class)));
		}
		return tally.add(this.model.ask(
				Prompts.reduce(languageName, title, partials, shape.keyPoints(), shape.summarySentences()),
				Brief.class));
	}

}
