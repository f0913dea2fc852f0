package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.text.Chunk;
import de.nachtbrief.text.Chunker;
import de.nachtbrief.text.TokenCounter;

/**
 * Briefs a document with language models. The source is sent once: in one call when it fits the summarizer's
 * window, else chunk by chunk (map) and merged from the partial briefs (reduce). The resulting brief, in the source's
 * language, is then translated per target language without the source.
 */
public class ModelBriefer implements Briefer {

	/** Tokens kept free in the window for the instructions and the answer. */
	private static final int RESERVED_TOKENS = 3_000;

	private static final int OVERLAP_TOKENS = 150;

	private final ModelBackend summarizer;

	private final ModelBackend translator;

	private final Chunker chunker = new Chunker();

	private final ObjectMapper json = new ObjectMapper();

	/** @param translator null when no model can translate; briefs then stay in the source's language */
	public ModelBriefer(ModelBackend summarizer, ModelBackend translator) {
		this.summarizer = summarizer;
		this.translator = translator;
	}

	/** Identifies the prompts' wording, so a change of wording counts as a change of settings. */
	public static String promptVersion() {
		return Prompts.VERSION;
	}

	@Override
	public BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		Sources.Source source = Sources.of(document);
		Answer<Brief> summary = summarize(document, source.languageName(), shape);
		Usage usage = summary.usage();
		GroundingCheck grounding = new GroundingCheck(source.groundingText());
		GroundingCheck.Result original = grounding.check(summary.value(), true);
		List<String> removed = new ArrayList<>(original.removed());
		Map<String, LocalizedBrief> briefs = new LinkedHashMap<>();
		for (Language target : targets) {
			if (target.code().equals(document.language())) {
				briefs.put(target.code(), new LocalizedBrief(target.code(), document.language(), original.brief(),
						source.notes()));
			}
			else if (this.translator == null) {
				briefs.put(target.code(), new LocalizedBrief(target.code(), document.language(), original.brief(),
						Sources.untranslated(source.notes(), document.language())));
			}
			else {
				Answer<Brief> translated = this.translator.ask(
						Prompts.translate(target.displayName(), toJson(original.brief())), Brief.class);
				usage = usage.plus(translated.usage());
				GroundingCheck.Result checked = grounding.check(keepNames(translated.value(), original.brief()),
						false);
				checked.removed().forEach((item) -> removed.add(target.code() + ": " + item));
				briefs.put(target.code(),
						new LocalizedBrief(target.code(), target.code(), checked.brief(), source.notes()));
			}
		}
		ModelBackend translatedBy = this.translator != null ? this.translator : this.summarizer;
		return new BriefSet(briefs, this.summarizer.name(), this.summarizer.model(),
				this.translator != null ? translatedBy.name() : "none",
				this.translator != null ? translatedBy.model() : "none", usage, removed);
	}

	private Answer<Brief> summarize(ExtractedDocument document, String languageName, JobDefinition.Shape shape) {
		String title = document.title() != null ? document.title() : "";
		int budget = Chunker.chunkBudget(this.summarizer.contextWindow(), RESERVED_TOKENS);
		if (TokenCounter.shared().count(document.text()) <= budget) {
			return this.summarizer.ask(
					Prompts.summarize(languageName, title, document.text(), shape.keyPoints(), shape.summarySentences()),
					Brief.class);
		}
		Usage usage = Usage.NONE;
		List<Brief> partials = new ArrayList<>();
		for (Chunk chunk : this.chunker.chunk(document.text(), budget, OVERLAP_TOKENS)) {
			Answer<Brief> partial = this.summarizer.ask(
					Prompts.summarize(languageName, title, chunk.text(), shape.keyPoints(), shape.summarySentences()),
					Brief.class);
			partials.add(partial.value());
			usage = usage.plus(partial.usage());
		}
		Answer<Brief> merged = this.summarizer.ask(Prompts.reduce(languageName, title, toJson(partials),
				shape.keyPoints(), shape.summarySentences()), Brief.class);
		return new Answer<>(merged.value(), usage.plus(merged.usage()));
	}

	/** Names stay as the source writes them, whatever the translation did with them. */
	private static Brief keepNames(Brief translated, Brief original) {
		List<Brief.Quote> quotes = new ArrayList<>();
		for (int i = 0; i < translated.quotes().size() && i < original.quotes().size(); i++) {
			quotes.add(new Brief.Quote(original.quotes().get(i).speaker(), translated.quotes().get(i).text()));
		}
		return new Brief(translated.headline(), translated.summary(), translated.keyPoints(), original.people(),
				original.organisations(), original.places(), translated.figures(), quotes, translated.topics());
	}

	private String toJson(Object value) {
		try {
			return this.json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a brief always serialises", ex);
		}
	}

}
