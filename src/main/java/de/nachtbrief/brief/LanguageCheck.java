package de.nachtbrief.brief;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.LanguageGuess;

/**
 * Whether a brief's prose is in the language and script asked for. Chinese is told by its
 * characters with OpenCC's tables: {@code zh} must be Simplified, {@code zh-Hant}
 * Traditional. Other languages by a language detector (Optimaize), which must find the
 * language asked for plausible in the prose's own words (quotes and capitalised names
 * left out, since they are the source's language whatever the brief's is); a text of
 * fewer than a dozen words, none Chinese, passes: too short to tell. Also converts
 * Simplified Chinese prose to Traditional, so that a model need not write Chinese twice.
 */
public final class LanguageCheck {

	/**
	 * A script holds when the characters only the other script has are at most this share
	 * of those only this one has: OpenCC's character tables map some characters both
	 * scripts share (致 to 緻), so a clean text is rarely zero.
	 */
	private static final int TOLERANCE = 10;

	private static final String TRADITIONAL_NOT_SIMPLIFIED = "written in Traditional characters, not Simplified";

	private static final String SIMPLIFIED_NOT_TRADITIONAL = "written in Simplified characters, not Traditional";

	/** Fewer words than this, without a Chinese character, tell no language. */
	private static final int MIN_WORDS = 12;

	/**
	 * The least likelihood the detector must give the language asked for: an English
	 * brief that quotes German titles and names scores well below 1, German prose near 0.
	 */
	private static final float MIN_SHARE = 0.2f;

	private static final Pattern QUOTED = Pattern.compile("„[^“”]*[“”]|“[^”]*”|\"[^\"]*\"|«[^»]*»|»[^«]*«");

	private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{Lu}[\\p{L}\\p{N}'’.-]*");

	private static final LanguageGuess languages = new LanguageGuess();

	private LanguageCheck() {
	}

	/**
	 * Loads OpenCC's tables, the detector's profiles and the English word list of
	 * {@link ProseNames} in the background, so that a run's first briefs do not wait a
	 * second or two for them.
	 */
	public static void loadAhead() {
		Thread loader = new Thread(() -> {
			toTraditional("预加载");
			problem("预加载简体中文", "zh");
			new ProseNames("").ungrounded("Loaded Ahead", "en");
		}, "language-check-load");
		loader.setDaemon(true);
		loader.start();
	}

	/**
	 * What is wrong with the brief's language or script, in words, or null when nothing
	 * is.
	 */
	public static String problem(Brief brief, String language) {
		String text = String.join("\n", brief.headline(), brief.summary(), String.join("\n", brief.keyPoints()));
		return problem(text, language);
	}

	static String problem(String text, String language) {
		if (text.strip().split("\\s+").length < MIN_WORDS && !text.codePoints().anyMatch(LanguageCheck::isHan)) {
			// Too short for anyone to tell.
			return null;
		}
		if (language.equals("zh") || language.equals("zh-Hant")) {
			return chineseProblem(text, language.equals("zh"));
		}
		// What the brief quotes, and names (capitalised words), are the source's
		// language whatever the brief's is: the detector judges the rest.
		String own = CAPITALISED.matcher(QUOTED.matcher(text).replaceAll(" ")).replaceAll(" ");
		if (own.strip().split("\\s+").length < MIN_WORDS) {
			return null;
		}
		Map<String, Float> candidates = languages.candidates(own);
		String likeliest = candidates.keySet().stream().findFirst().orElse(language);
		return candidates.getOrDefault(language, 0f) >= MIN_SHARE || candidates.isEmpty() ? null
				: "written in " + displayName(likeliest) + ", not " + displayName(language);
	}

	/**
	 * The languages a model is asked to write: Traditional Chinese is converted from
	 * Simplified when both are wanted, rather than written twice.
	 */
	public static List<Language> askedFor(List<Language> targets) {
		boolean simplified = targets.stream().anyMatch((target) -> target.code().equals("zh"));
		return targets.stream().filter((target) -> !(simplified && isConvertedFromSimplified(target.code()))).toList();
	}

	/** Whether a brief in {@code language} is made from the Simplified Chinese one. */
	public static boolean isConvertedFromSimplified(String language) {
		return language.equals("zh-Hant");
	}

	/**
	 * A brief held to its language: Chinese in the other script converted (OpenCC's
	 * tables), which no model call needs to redo, and what is still wrong, or null.
	 */
	record Verdict(Brief brief, String problem) {
	}

	static Verdict check(Brief brief, String language) {
		String problem = problem(brief, language);
		if (TRADITIONAL_NOT_SIMPLIFIED.equals(problem)) {
			return new Verdict(convert(brief, ZhConverterUtil::toSimple), null);
		}
		if (SIMPLIFIED_NOT_TRADITIONAL.equals(problem)) {
			return new Verdict(toTraditional(brief), null);
		}
		return new Verdict(brief, problem);
	}

	/** The brief in Traditional characters; names and numbers stay as they are. */
	public static Brief toTraditional(Brief simplified) {
		return convert(simplified, LanguageCheck::toTraditional);
	}

	private static Brief convert(Brief brief, UnaryOperator<String> script) {
		return new Brief(script.apply(brief.headline()), script.apply(brief.summary()),
				brief.keyPoints().stream().map(script).toList(), brief.people(), brief.organisations(), brief.places(),
				brief.figures()
					.stream()
					.map((figure) -> new Brief.Figure(figure.value(), script.apply(figure.context())))
					.toList(),
				brief.quotes()
					.stream()
					.map((quote) -> new Brief.Quote(quote.speaker(), script.apply(quote.text())))
					.toList(),
				brief.topics().stream().map(script).toList());
	}

	/** The prose in Traditional characters, its Latin words and numbers unchanged. */
	public static String toTraditional(String simplified) {
		return simplified.isEmpty() ? simplified : ZhConverterUtil.toTraditional(simplified);
	}

	public static List<String> toTraditional(List<String> simplified) {
		return simplified.stream().map(LanguageCheck::toTraditional).toList();
	}

	private static String chineseProblem(String text, boolean simplified) {
		int onlySimplified = 0;
		int onlyTraditional = 0;
		int han = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!isHan(c)) {
				continue;
			}
			han++;
			String character = String.valueOf(c);
			if (!ZhConverterUtil.toSimple(character).equals(character)) {
				onlyTraditional++;
			}
			else if (!ZhConverterUtil.toTraditional(character).equals(character)) {
				onlySimplified++;
			}
		}
		if (han == 0) {
			return "written without Chinese characters";
		}
		if (simplified && onlyTraditional * TOLERANCE > onlySimplified) {
			return TRADITIONAL_NOT_SIMPLIFIED;
		}
		if (!simplified && onlySimplified * TOLERANCE > onlyTraditional) {
			return SIMPLIFIED_NOT_TRADITIONAL;
		}
		return null;
	}

	private static boolean isHan(int codePoint) {
		return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
	}

	private static String displayName(String code) {
		String name = java.util.Locale.forLanguageTag(code).getDisplayLanguage(java.util.Locale.ENGLISH);
		return name.isEmpty() ? code : name;
	}

}
