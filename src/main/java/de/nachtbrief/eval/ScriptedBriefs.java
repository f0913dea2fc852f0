package de.nachtbrief.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefDraft;
import de.nachtbrief.brief.LanguageCheck;
import de.nachtbrief.llm.Answer;
import de.nachtbrief.llm.AnswerFormat;
import de.nachtbrief.llm.ModelAnswerException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Prompt;
import de.nachtbrief.llm.Usage;

/**
 * A backend that answers with an article's correct brief from the eval set, either as it
 * is ({@code reference}: what the check must leave alone) or with an invented person and
 * amount planted in the headline, summary, key points, topics and figures of every
 * language ({@code planted}: what the check must catch). Asked once more, the planting
 * model leaves the headline alone but plants the rest again, as a model that half listens
 * would.
 */
public final class ScriptedBriefs implements ModelBackend {

	/** The invented person, as the English and the Chinese prose write him. */
	static final List<String> PLANTED_NAMES = List.of("Quarnholt", "夸恩霍尔特");

	/** The invented amount's digits. */
	static final String PLANTED_DIGITS = "987654321";

	private final String name;

	private final BriefDraft reference;

	private final boolean plant;

	private final AtomicInteger calls = new AtomicInteger();

	private ScriptedBriefs(String name, BriefDraft reference, boolean plant) {
		this.name = name;
		this.reference = reference;
		this.plant = plant;
	}

	public static ScriptedBriefs reference(BriefDraft reference) {
		return new ScriptedBriefs("reference", reference, false);
	}

	public static ScriptedBriefs planted(BriefDraft reference) {
		return new ScriptedBriefs("planted", reference, true);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String model() {
		return "eval-set";
	}

	@Override
	public int contextWindow() {
		return 128_000;
	}

	@Override
	public int maxConcurrency() {
		return 1;
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
		if (format.type() != BriefDraft.class) {
			throw new ModelAnswerException("the eval's scripted backend writes whole briefs only", Usage.NONE, null);
		}
		boolean again = this.calls.getAndIncrement() > 0;
		Map<String, BriefDraft.Prose> briefs = new LinkedHashMap<>();
		for (String language : format.keys().getOrDefault(BriefDraft.LANGUAGES, List.of())) {
			BriefDraft.Prose prose = prose(language);
			if (prose != null) {
				briefs.put(language, this.plant ? planted(prose, language, again) : prose);
			}
		}
		BriefDraft draft = new BriefDraft(this.reference.people(), this.reference.organisations(),
				this.reference.places(), this.reference.quotes(), briefs);
		return new Answer<>(format.type().cast(draft), new Usage(0, 0, 1), this.name, model());
	}

	/**
	 * The reference's prose in a language; Traditional Chinese converted from Simplified.
	 */
	private BriefDraft.Prose prose(String language) {
		BriefDraft.Prose prose = this.reference.briefs().get(language);
		BriefDraft.Prose simplified = this.reference.briefs().get("zh");
		if (prose != null || !language.equals("zh-Hant") || simplified == null) {
			return prose;
		}
		return new BriefDraft.Prose(LanguageCheck.toTraditional(simplified.headline()),
				LanguageCheck.toTraditional(simplified.summary()), LanguageCheck.toTraditional(simplified.keyPoints()),
				simplified.figures(), LanguageCheck.toTraditional(simplified.quotes()),
				LanguageCheck.toTraditional(simplified.topics()));
	}

	private static BriefDraft.Prose planted(BriefDraft.Prose prose, String language, boolean again) {
		boolean chinese = language.startsWith("zh");
		String headline = again ? prose.headline()
				: prose.headline() + (chinese ? "，Edwin Quarnholt提出警告" : ": Dr. Edwin Quarnholt warns");
		String sentence = chinese ? "埃德温·夸恩霍尔特博士估计损失为987654321欧元。"
				: "Dr. Edwin Quarnholt put the damage at 987,654,321 euros.";
		String summary = prose.summary() + (chinese ? "" : " ") + sentence;
		List<String> keyPoints = new ArrayList<>(prose.keyPoints());
		keyPoints
			.add(chinese ? "Edwin Quarnholt预计成本为987654321欧元。" : "Edwin Quarnholt expects costs of 987,654,321 euros.");
		List<String> topics = new ArrayList<>(prose.topics());
		topics.add("Edwin Quarnholt");
		List<Brief.Figure> figures = new ArrayList<>(prose.figures());
		figures.add(chinese ? new Brief.Figure("987654321欧元", "Edwin Quarnholt估计的损失")
				: new Brief.Figure("987,654,321 euros", "damage estimated by Edwin Quarnholt"));
		return new BriefDraft.Prose(headline, summary, keyPoints, figures, prose.quotes(), topics);
	}

}
