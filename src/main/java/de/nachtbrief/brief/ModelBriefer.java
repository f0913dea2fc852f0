package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Packing;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * Briefs a document with language models, reading the source once. When one model both
 * summarizes and translates, a single call writes every target language (see
 * {@link Summarizer}; long sources take a call per part and one to merge them). When the
 * translating model differs, the summarizer writes the brief in the source's language and
 * one translation call, sent the prose only, writes every target language. A short
 * document may share its call with others when the summarizer packs (see {@link Packer}).
 * Every language is held to the source by the {@link GroundingCheck}; one left without a
 * headline or summary is asked for once more. The brief set names the backends and models
 * that actually answered, which differ from the configured ones after a failover.
 */
public class ModelBriefer implements Briefer {

	private final ModelBackend summarizer;

	private final ModelBackend translator;

	/** Sends short documents several to a call; null when the summarizer packs none. */
	private final Packer packer;

	/**
	 * Whether each brief is held to its language and script (see {@link LanguageCheck}).
	 */
	private final boolean checksLanguage;

	/** The documents {@link #estimate} rehearsed in packs, to count one call per pack. */
	private final AtomicLong rehearsedInPacks = new AtomicLong();

	/**
	 * @param translator null when no model can translate; briefs then stay in the
	 * source's language
	 */
	public ModelBriefer(ModelBackend summarizer, ModelBackend translator) {
		this(summarizer, translator, Packer.of(summarizer));
	}

	/**
	 * A briefer that sends each document in calls of its own, as a provider batch sent
	 * them ahead (see {@link BriefRehearsal#onlyCall}), so that it asks exactly what the
	 * batch answered.
	 */
	public static ModelBriefer alone(ModelBackend summarizer, ModelBackend translator) {
		return new ModelBriefer(summarizer, translator, null);
	}

	ModelBriefer(ModelBackend summarizer, ModelBackend translator, Packer packer) {
		this(summarizer, translator, packer, true);
	}

	private ModelBriefer(ModelBackend summarizer, ModelBackend translator, Packer packer, boolean checksLanguage) {
		this.summarizer = summarizer;
		this.translator = translator;
		this.packer = packer;
		this.checksLanguage = checksLanguage;
	}

	/**
	 * A briefer for a rehearsal, whose stand-in answers are in the source's language
	 * whatever language they stand for: the language check is left out, the rest is as in
	 * a run.
	 */
	static ModelBriefer rehearsal(ModelBackend summarizer, ModelBackend translator, Packer packer) {
		return new ModelBriefer(summarizer, translator, packer, false);
	}

	/**
	 * Identifies the prompts' wording, so a change of wording counts as a change of
	 * settings.
	 */
	public static String promptVersion() {
		return Prompts.VERSION;
	}

	/**
	 * What briefing the document would cost, by backend, rehearsed without sending
	 * anything (see {@link BriefRehearsal}).
	 */
	public Map<String, Usage> estimate(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		return BriefRehearsal.estimate(document, shape, targets, this.summarizer, this.translator,
				(this.packer != null) ? this.summarizer.packing() : Packing.ALONE, this.rehearsedInPacks);
	}

	@Override
	public double estimatedCost(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		return estimate(document, shape, targets).values().stream().mapToDouble(Usage::cost).sum();
	}

	@Override
	public BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		Sources.Source source = Sources.of(document);
		Glossary glossary = Glossary.of(shape);
		GroundingCheck grounding = new GroundingCheck(source.groundingText(), glossary.renderings());
		String sourceLanguage = document.language();
		List<Language> asked = LanguageCheck.askedFor(targets);
		Map<String, String> written = new LinkedHashMap<>();
		if (translatesInOneCall()) {
			asked.forEach((target) -> written.put(target.code(), target.displayName()));
		}
		else {
			written.put(sourceLanguage, source.languageName());
		}
		AnswerTally summarized = new AnswerTally();
		Summarizer summarizer = new Summarizer(this.summarizer);
		Checked draft = checked(grounding, sourceLanguage, summarized, (removed) -> {
			BriefDraft packed = removed.isEmpty() ? packed(document, grounding, written, shape, summarized) : null;
			return (packed != null) ? packed
					: summarizer.draft(document, written, source.languageName(), shape, summarized, removed);
		});
		AnswerTally translated = new AnswerTally();
		Checked translations = needsTranslation(asked, written)
				? translated(grounding, draft, sourceLanguage, asked, glossary, translated) : null;
		Map<String, LocalizedBrief> briefs = new LinkedHashMap<>();
		for (Language target : targets) {
			String code = target.code();
			Map<String, Brief> made = (translations != null) ? translations.briefs() : draft.briefs();
			Brief inLanguage = draft.briefs().containsKey(code) ? draft.briefs().get(code)
					: (translations != null && made.containsKey(code)) ? made.get(code)
							: (LanguageCheck.isConvertedFromSimplified(code) && made.containsKey("zh"))
									? LanguageCheck.toTraditional(made.get("zh")) : null;
			if (inLanguage != null) {
				briefs.put(code, new LocalizedBrief(code, code, inLanguage, source.notes(),
						glossary.entries().isEmpty() ? null : glossary.use(document.text(), inLanguage, code)));
			}
			else {
				briefs.put(code, new LocalizedBrief(code, sourceLanguage, draft.briefs().get(sourceLanguage),
						Sources.untranslated(source.notes(), sourceLanguage, code)));
			}
		}
		List<String> removed = new ArrayList<>(draft.removed());
		if (translations != null) {
			// The translations were made from the source-language brief, so what the
			// check took out of it concerns every language: recorded without a language.
			String fromSource = sourceLanguage + ": ";
			removed.replaceAll((item) -> item.startsWith(fromSource) ? item.substring(fromSource.length()) : item);
			removed.addAll(translations.removed());
		}
		// When the summarizer wrote other languages than the source's, it translated too.
		AnswerTally translating = written.keySet().stream().anyMatch((language) -> !language.equals(sourceLanguage))
				? summarized : translated;
		return new BriefSet(briefs, summarized.backends(), summarized.models(), translating.backends(),
				translating.models(), summarized.usage().plus(translated.usage()), removed);
	}

	/**
	 * The draft of a short document from a call it shares with others, or null when it is
	 * to be asked alone: it is too long to share one, or the shared answer left it out or
	 * mixed it up with another source.
	 */
	private BriefDraft packed(ExtractedDocument document, GroundingCheck grounding, Map<String, String> languages,
			JobDefinition.Shape shape, AnswerTally tally) {
		if (this.packer == null) {
			return null;
		}
		long tokens = Packer.estimatedTokens(document.text());
		if (!this.packer.fits(tokens)) {
			return null;
		}
		String title = document.title() != null ? document.title() : "";
		return this.packer.draft(title, document.text(), grounding, tokens, languages, shape, tally);
	}

	/**
	 * Whether the summarizer writes the target languages itself: it is the translating
	 * model too.
	 */
	private boolean translatesInOneCall() {
		return this.translator != null && this.translator.name().equals(this.summarizer.name())
				&& this.translator.model().equals(this.summarizer.model());
	}

	private boolean needsTranslation(List<Language> targets, Map<String, String> written) {
		return this.translator != null && targets.stream().anyMatch((target) -> !written.containsKey(target.code()));
	}

	/**
	 * One call for the prose of every target language not yet written, sent the checked
	 * brief in the source's language without its facts.
	 */
	private Checked translated(GroundingCheck grounding, Checked draft, String sourceLanguage, List<Language> targets,
			Glossary glossary, AnswerTally tally) {
		Map<String, String> languages = new LinkedHashMap<>();
		targets.stream()
			.filter((target) -> !draft.briefs().containsKey(target.code()))
			.forEach((target) -> languages.put(target.code(), target.displayName()));
		Prompt translate = glossary
			.appliedTo(Prompts.translate(languages, BriefDraft.Prose.of(draft.briefs().get(sourceLanguage))));
		AnswerFormat<BriefDraft.Translations> format = AnswerFormat.of(BriefDraft.Translations.class)
			.withKeys(BriefDraft.LANGUAGES, List.copyOf(languages.keySet()));
		BriefDraft facts = draft.facts();
		return checked(grounding, sourceLanguage, tally, (removed) -> {
			Prompt prompt = removed.isEmpty() ? translate : Prompts.corrected(translate, removed);
			BriefDraft.Translations translations = tally.add(this.translator.ask(prompt, format));
			return new BriefDraft(facts.people(), facts.organisations(), facts.places(), facts.quotes(),
					translations.briefs());
		});
	}

	/**
	 * The briefs of a draft that the grounding check leaves, by language. A draft with
	 * anything the source does not hold (a number, name, quote or link) is asked for once
	 * more, naming what was taken out; what the second answer still states wrongly is
	 * taken out. When neither answer leaves every language a headline and summary, the
	 * document has no brief to publish.
	 */
	private Checked checked(GroundingCheck grounding, String sourceLanguage, AnswerTally tally,
			Function<List<String>, BriefDraft> ask) {
		Checked first = check(grounding, ask.apply(List.of()), sourceLanguage);
		if (first.removed().isEmpty()) {
			return first;
		}
		Checked second = check(grounding, ask.apply(first.removed()), sourceLanguage);
		if (!second.isEmptied()) {
			return second;
		}
		if (!first.isEmptied()) {
			return first;
		}
		throw new ModelAnswerException(
				"the grounding check found nothing publishable left of the " + String.join(", ", second.emptied())
						+ " brief (no headline or summary in the source's terms and the language asked for), even after"
						+ " asking once more; it took out: " + String.join("; ", second.removed()),
				tally.usage(), null);
	}

	/**
	 * Holds each language's brief to the source, and to its language: Chinese in the
	 * wrong script is converted, a brief in another language is recorded as a problem and
	 * is not published.
	 */
	private Checked check(GroundingCheck grounding, BriefDraft draft, String sourceLanguage) {
		GroundingCheck.Facts facts = grounding.checkFacts(draft);
		List<String> removed = new ArrayList<>(facts.removed());
		Map<String, Brief> briefs = new LinkedHashMap<>();
		List<String> wrongLanguage = new ArrayList<>();
		for (String language : draft.briefs().keySet()) {
			GroundingCheck.Result result = grounding.check(facts.draft().in(language, language.equals(sourceLanguage)),
					language, false);
			result.removed().forEach((item) -> removed.add(language + ": " + item));
			LanguageCheck.Verdict verdict = this.checksLanguage ? LanguageCheck.check(result.brief(), language)
					: new LanguageCheck.Verdict(result.brief(), null);
			Brief brief = verdict.brief();
			String problem = verdict.problem();
			if (problem != null) {
				removed.add(language + ": the brief is " + problem);
				wrongLanguage.add(language);
			}
			briefs.put(language, brief);
		}
		return new Checked(facts.draft(), briefs, removed, wrongLanguage);
	}

	/** A checked draft: its facts, the brief per language, and what was taken out. */
	private record Checked(BriefDraft facts, Map<String, Brief> briefs, List<String> removed,
			List<String> wrongLanguage) {

		/** The languages with no brief to publish: emptied, or not in that language. */
		List<String> emptied() {
			return this.briefs.entrySet()
				.stream()
				.filter((brief) -> isEmptied(brief.getValue()) || this.wrongLanguage.contains(brief.getKey()))
				.map(Map.Entry::getKey)
				.toList();
		}

		boolean isEmptied() {
			return !emptied().isEmpty();
		}

		/**
		 * Whether the grounding check left no headline or no summary: that is no brief to
		 * publish.
		 */
		private static boolean isEmptied(Brief brief) {
			return brief.summary().isBlank() || brief.headline().replaceAll("[…\\s\\p{P}]", "").isEmpty();
		}

	}

}
