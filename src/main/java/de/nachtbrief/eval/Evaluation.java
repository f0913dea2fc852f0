package de.nachtbrief.eval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefSet;
import de.nachtbrief.brief.Glossary;
import de.nachtbrief.brief.GroundingCheck;
import de.nachtbrief.brief.Briefer;
import de.nachtbrief.brief.LanguageCheck;
import de.nachtbrief.brief.LocalizedBrief;
import de.nachtbrief.brief.ProseNames;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.text.SentenceSplitter;

/**
 * Briefs the eval set's articles with one backend and scores what would be published:
 * numbers and names not in the source (by the grounding check's own measures, so a brief
 * published with one would show), the expected facts covered, language and script,
 * length, what the check took out, and (for the planting backend) how many planted
 * inventions were caught.
 */
public final class Evaluation {

	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,'’]\\d+)*");

	private static final Pattern CHINESE_SENTENCE_END = Pattern.compile("(?<=[。！？])");

	private final JobDefinition.Shape shape;

	private final List<Language> languages;

	public Evaluation(JobDefinition.Shape shape, List<Language> languages) {
		this.shape = shape;
		this.languages = List.copyOf(languages);
	}

	/** One article, read as a run reads it. */
	public record Source(EvalSet.Article article, ExtractedDocument document) {
	}

	/** A row of the eval's table: counts over every article and language. */
	public record Score(String backend, int articles, int failed, int numbers, int numbersNotInSource,
			int namesNotInSource, int expected, int covered, int briefs, int languageRight, int withinBounds,
			int glossaryEntries, int glossaryUsed, int takenOut, int planted, int caught) {

		Score plus(Score other) {
			return new Score(this.backend, this.articles + other.articles, this.failed + other.failed,
					this.numbers + other.numbers, this.numbersNotInSource + other.numbersNotInSource,
					this.namesNotInSource + other.namesNotInSource, this.expected + other.expected,
					this.covered + other.covered, this.briefs + other.briefs, this.languageRight + other.languageRight,
					this.withinBounds + other.withinBounds, this.glossaryEntries + other.glossaryEntries,
					this.glossaryUsed + other.glossaryUsed, this.takenOut + other.takenOut,
					this.planted + other.planted, this.caught + other.caught);
		}

	}

	/**
	 * Briefs every source with the briefer made for it and adds up the scores.
	 * @param planting whether the briefer's backend planted inventions to catch
	 */
	public Score score(String backend, List<Source> sources, Function<EvalSet.Article, Briefer> briefers,
			boolean planting) {
		Score total = new Score(backend, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
		for (Source source : sources) {
			BriefSet briefs;
			try {
				briefs = briefers.apply(source.article()).brief(source.document(), this.shape, this.languages);
			}
			catch (ModelAnswerException ex) {
				// Nothing published: whatever was planted never reached a reader.
				int planted = planting ? this.languages.size() * PlantedCount.PER_LANGUAGE : 0;
				total = total.plus(new Score(backend, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, planted, planted));
				continue;
			}
			total = total.plus(score(backend, source, briefs, planting));
		}
		return total;
	}

	private Score score(String backend, Source source, BriefSet briefs, boolean planting) {
		String text = source.document().text();
		GroundingCheck grounding = new GroundingCheck(text);
		ProseNames names = new ProseNames(text);
		Score score = new Score(backend, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, briefs.removedByCheck().size(), 0, 0);
		for (Language language : this.languages) {
			LocalizedBrief localized = briefs.briefs().get(language.code());
			Brief brief = localized.brief();
			List<String> prose = prose(brief);
			String all = String.join("\n", prose);
			List<String> numbers = numbersIn(all);
			int numbersNotInSource = prose.stream()
				.mapToInt((piece) -> grounding.numbersNotInSource(piece, localized.writtenIn()).size())
				.sum();
			int namesNotInSource = prose.stream()
				.mapToInt((piece) -> names.ungrounded(piece, localized.writtenIn()).size())
				.sum();
			String facts = fold(all + "\n" + String.join("\n", brief.people()) + "\n"
					+ String.join("\n", brief.organisations()) + "\n" + String.join("\n", brief.places()));
			// The brief read as a source grounds a figure it states in any form.
			GroundingCheck stated = new GroundingCheck(all);
			int covered = (int) source.article()
				.expected()
				.stream()
				.filter((fact) -> isCovered(fact, facts, stated))
				.count();
			boolean languageRight = localized.writtenIn().equals(language.code())
					&& LanguageCheck.problem(brief, language.code()) == null;
			PlantedCount planted = planting ? PlantedCount.in(brief) : PlantedCount.NONE;
			Glossary.Use glossary = (localized.glossary() != null) ? localized.glossary()
					: new Glossary.Use(List.of(), List.of());
			score = score.plus(new Score(backend, 0, 0, numbers.size(), numbersNotInSource, namesNotInSource,
					source.article().expected().size(), covered, 1, languageRight ? 1 : 0,
					isWithinBounds(brief, text) ? 1 : 0, glossary.used().size() + glossary.missed().size(),
					glossary.used().size(), 0, planted.planted(), planted.caught()));
		}
		return score;
	}

	/** What a reader sees of a brief as text: prose, figures, quotes and topics. */
	private static List<String> prose(Brief brief) {
		List<String> prose = new ArrayList<>(List.of(brief.headline(), brief.summary()));
		prose.addAll(brief.keyPoints());
		prose.addAll(brief.topics());
		brief.figures().forEach((figure) -> prose.add(figure.value() + " " + figure.context()));
		brief.quotes().forEach((quote) -> prose.add(quote.text()));
		return prose;
	}

	/**
	 * A name is covered when the brief states it (case and accents aside); a figure when
	 * the brief states each of its numbers, by digits or by value („4,2 Millionen“ by
	 * "420万").
	 */
	private static boolean isCovered(String fact, String facts, GroundingCheck stated) {
		return numbersIn(fact).isEmpty() ? facts.contains(fold(fact)) : stated.numbersNotInSource(fact, "de").isEmpty();
	}

	/**
	 * At most the shape's key points and summary sentences, and shorter than the source.
	 */
	private boolean isWithinBounds(Brief brief, String source) {
		int sentences = 0;
		for (String part : CHINESE_SENTENCE_END.split(brief.summary().strip())) {
			sentences += SentenceSplitter.split(part).size();
		}
		int length = brief.summary().length() + brief.keyPoints().stream().mapToInt(String::length).sum();
		return brief.keyPoints().size() <= this.shape.keyPoints() && sentences <= this.shape.summarySentences()
				&& length < source.length();
	}

	private static List<String> numbersIn(String text) {
		List<String> numbers = new ArrayList<>();
		Matcher number = NUMBER.matcher(text);
		while (number.find()) {
			numbers.add(number.group().replaceAll("\\D", ""));
		}
		return numbers;
	}

	private static String fold(String text) {
		return Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
	}

	/**
	 * The inventions {@link ScriptedBriefs} plants in one language's brief and how many
	 * of them the published brief no longer holds: the person in the headline, summary,
	 * key points, topics and figures, the amount in the summary, key points and figures.
	 */
	record PlantedCount(int planted, int caught) {

		static final int PER_LANGUAGE = 8;

		static final PlantedCount NONE = new PlantedCount(0, 0);

		static PlantedCount in(Brief brief) {
			List<String> nameFields = List.of(brief.headline(), brief.summary(), String.join("\n", brief.keyPoints()),
					String.join("\n", brief.topics()), figures(brief));
			List<String> amountFields = List.of(brief.summary(), String.join("\n", brief.keyPoints()), figures(brief));
			int kept = (int) nameFields.stream()
				.filter((field) -> ScriptedBriefs.PLANTED_NAMES.stream().anyMatch(field::contains))
				.count()
					+ (int) amountFields.stream()
						.filter((field) -> field.replaceAll("\\D", "").contains(ScriptedBriefs.PLANTED_DIGITS))
						.count();
			return new PlantedCount(PER_LANGUAGE, PER_LANGUAGE - kept);
		}

		private static String figures(Brief brief) {
			return String.join("\n", brief.figures().stream().map(Brief.Figure::toString).toList());
		}

	}

}
