package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * Briefs a document with language models. The source is sent once, to the summarizer (see
 * {@link Summarizer}); the resulting brief, in the source's language, is then translated
 * per target language without the source. The brief set names the backends and models
 * that actually answered, which differ from the configured ones after a failover.
 */
public class ModelBriefer implements Briefer {

	private final ModelBackend summarizer;

	private final ModelBackend translator;

	/**
	 * @param translator null when no model can translate; briefs then stay in the
	 * source's language
	 */
	public ModelBriefer(ModelBackend summarizer, ModelBackend translator) {
		this.summarizer = summarizer;
		this.translator = translator;
	}

	/**
	 * Identifies the prompts' wording, so a change of wording counts as a change of
	 * settings.
	 */
	public static String promptVersion() {
		return Prompts.VERSION;
	}

	@Override
	public BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		Sources.Source source = Sources.of(document);
		AnswerTally summarized = new AnswerTally();
		Summarizer summarizer = new Summarizer(this.summarizer);
		Brief summary = summarizer.summarize(document, source.languageName(), shape, summarized);
		AnswerTally translated = new AnswerTally();
		GroundingCheck grounding = new GroundingCheck(source.groundingText());
		GroundingCheck.Result original = grounding.check(summary, true);
		if (isEmptied(original.brief())) {
			summary = summarizer.summarize(document, source.languageName(), shape, summarized, original.removed());
			original = requireGrounded(grounding.check(summary, true), document.language(), summarized.usage());
		}
		List<String> removed = new ArrayList<>(original.removed());
		Map<String, LocalizedBrief> briefs = new LinkedHashMap<>();
		for (Language target : targets) {
			if (target.code().equals(document.language())) {
				briefs.put(target.code(),
						new LocalizedBrief(target.code(), document.language(), original.brief(), source.notes()));
			}
			else if (this.translator == null) {
				briefs.put(target.code(), new LocalizedBrief(target.code(), document.language(), original.brief(),
						Sources.untranslated(source.notes(), document.language(), target.code())));
			}
			else {
				Prompt translate = Prompts.translate(target.displayName(), original.brief());
				Brief translation = translated.add(this.translator.ask(translate, Brief.class));
				GroundingCheck.Result checked = grounding.check(keepNames(translation, original.brief()), false);
				if (isEmptied(checked.brief())) {
					translation = translated
						.add(this.translator.ask(Prompts.corrected(translate, checked.removed()), Brief.class));
					checked = requireGrounded(grounding.check(keepNames(translation, original.brief()), false),
							target.code(), summarized.usage().plus(translated.usage()));
				}
				checked.removed().forEach((item) -> removed.add(target.code() + ": " + item));
				briefs.put(target.code(),
						new LocalizedBrief(target.code(), target.code(), checked.brief(), source.notes()));
			}
		}
		return new BriefSet(briefs, summarized.backends(), summarized.models(), translated.backends(),
				translated.models(), summarized.usage().plus(translated.usage()), removed);
	}

	/**
	 * Whether the grounding check left no headline or no summary: that is no brief to
	 * publish.
	 */
	private static boolean isEmptied(Brief brief) {
		return brief.summary().isBlank() || brief.headline().replaceAll("[…\\s\\p{P}]", "").isEmpty();
	}

	private static GroundingCheck.Result requireGrounded(GroundingCheck.Result checked, String language, Usage usage) {
		if (isEmptied(checked.brief())) {
			throw new ModelAnswerException("the grounding check found nothing grounded left of the " + language
					+ " headline or summary, even after asking once more; it took out: "
					+ String.join("; ", checked.removed()), usage, null);
		}
		return checked;
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

}
