package de.nachtbrief.brief;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.nachtbrief.text.SentenceSplitter;

/**
 * Holds a brief to its source: a number, name, quote or web address that the source does
 * not contain is removed, and what was removed is reported. Numbers are compared by their
 * digits, so "4,2" in a German source grounds "4.2" in an English brief; names and quotes
 * must appear in the source as written (ignoring case, spacing and quotation marks).
 */
public final class GroundingCheck {

	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,'’]\\d+)*");

	private static final Pattern CJK = Pattern.compile("[。！？]");

	private static final Pattern CJK_SENTENCE_END = Pattern.compile("(?<=[。！？])");

	/** A web address; a model must not send readers anywhere the source does not. */
	private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"“”„)\\]]+");

	private static final String NOT_IN_SOURCE = "not found in the source";

	/** German month names in order, and Austria's January after December. */
	private static final List<String> MONTHS = List.of("januar", "februar", "märz", "april", "mai", "juni", "juli",
			"august", "september", "oktober", "november", "dezember", "jänner");

	private static final Pattern MONTH = Pattern.compile("(?<![\\p{L}])(" + String.join("|", MONTHS) + ")(?![\\p{L}])",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** A German case ending the source may add to a name as the brief writes it. */
	private static final String ENDING = "(?:ens|ern|es|en|er|em|ns|s|n|e)?";

	private final Set<String> sourceNumbers;

	private final Set<BigDecimal> sourceAmounts;

	private final ProseNames names;

	private final String sourceText;

	public GroundingCheck(String source) {
		this(source, List.of());
	}

	/**
	 * @param glossary renderings that ground a name in the prose as the source does
	 */
	GroundingCheck(String source, List<String> glossary) {
		List<Amounts.Amount> amounts = Amounts.in(source, true);
		this.sourceNumbers = amounts.stream()
			.map((amount) -> digits(amount.number()))
			.collect(Collectors.toCollection(HashSet::new));
		this.sourceAmounts = amounts.stream()
			.map(Amounts.Amount::value)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet());
		// „Juli 2025“ grounds "2025年7月": a month the source names is its number too.
		Matcher month = MONTH.matcher(source);
		while (month.find()) {
			this.sourceNumbers.add(Integer.toString(MONTHS.indexOf(month.group(1).toLowerCase(Locale.ROOT)) % 12 + 1));
		}
		this.sourceText = normalize(source);
		this.names = new ProseNames(source, glossary);
	}

	/** The result of a check: the brief that is left and what was taken out, in words. */
	record Result(Brief brief, List<String> removed) {
	}

	/**
	 * Checks a brief in {@code language}: its prose may state no number, link or name the
	 * source lacks.
	 * @param literal whether names and quotes must also appear in the source as written
	 * (true for a brief in the source's language; a translation's quotes are translations
	 * of checked ones)
	 */
	Result check(Brief brief, String language, boolean literal) {
		List<String> removed = new ArrayList<>();
		Function<String, String> prose = (text) -> problemWith(text, language);
		String headline = brief.headline();
		String headlineProblem = prose.apply(headline);
		if (headlineProblem != null) {
			// Not patched with "…": a headline with a gap is no headline, and the brief
			// is asked for once more.
			removed.add("headline " + headlineProblem + ": " + headline);
			headline = "";
		}
		List<String> sentences = keep(sentences(brief.summary()), prose, "summary sentence", removed);
		// Chinese sentences follow each other without a space.
		String summary = String.join(CJK.matcher(brief.summary()).find() ? "" : " ", sentences);
		List<String> keyPoints = keep(brief.keyPoints(), prose, "key point", removed);
		List<String> topics = keep(brief.topics(), prose, "topic", removed);
		List<Brief.Figure> figures = keep(brief.figures(), (figure) -> !hasNumber(figure.value()) ? "without a number"
				: firstOf(prose.apply(figure.value()), prose.apply(figure.context())), "figure", removed);
		Function<String, String> named = literal ? this::unlessNamed : (name) -> null;
		List<String> people = keep(brief.people(), named, "person", removed);
		List<String> organisations = keep(brief.organisations(), named, "organisation", removed);
		List<String> places = keep(brief.places(), named, "place", removed);
		List<Brief.Quote> quotes = keep(brief.quotes(),
				(quote) -> firstOf(problemWith(quote.text(), language),
						literal ? firstOf(unlessAppears(quote.text()), unlessNamed(quote.speaker())) : null),
				"quote", removed);
		return new Result(
				new Brief(headline, summary, keyPoints, people, organisations, places, figures, quotes, topics),
				removed);
	}

	/** The facts of a draft that the source holds as written, and what was taken out. */
	record Facts(BriefDraft draft, List<String> removed) {
	}

	/**
	 * Checks a draft's facts once for all its languages: names, and quotes with their
	 * speakers, must appear in the source as written. A quote taken out takes its
	 * renderings in every language with it.
	 */
	Facts checkFacts(BriefDraft draft) {
		List<String> removed = new ArrayList<>();
		List<String> people = keep(draft.people(), this::unlessNamed, "person", removed);
		List<String> organisations = keep(draft.organisations(), this::unlessNamed, "organisation", removed);
		List<String> places = keep(draft.places(), this::unlessNamed, "place", removed);
		List<Integer> keptQuotes = new ArrayList<>();
		for (int i = 0; i < draft.quotes().size(); i++) {
			Brief.Quote quote = draft.quotes().get(i);
			if (quote != null && isGrounded(quote.text(), "de") && appears(quote.text())
					&& unlessNamed(quote.speaker()) == null) {
				keptQuotes.add(i);
			}
			else if (quote != null) {
				removed.add("quote " + NOT_IN_SOURCE + ": " + quote);
			}
		}
		Map<String, BriefDraft.Prose> briefs = new LinkedHashMap<>();
		draft.briefs()
			.forEach((language, prose) -> briefs.put(language,
					prose == null ? null : new BriefDraft.Prose(prose.headline(), prose.summary(), prose.keyPoints(),
							prose.figures(), pick(prose.quotes(), keptQuotes), prose.topics())));
		return new Facts(new BriefDraft(people, organisations, places, pick(draft.quotes(), keptQuotes), briefs),
				removed);
	}

	/**
	 * A name or quote of the draft that this source lacks and one of the {@code others}
	 * has: when one call briefed several sources, a sign that the model mixed them up,
	 * and that the draft's prose may be another source's too.
	 */
	Optional<String> borrowedFrom(BriefDraft draft, List<GroundingCheck> others) {
		return Stream
			.of(draft.people(), draft.organisations(), draft.places(),
					draft.quotes().stream().filter(Objects::nonNull).map(Brief.Quote::text).toList())
			.flatMap(List::stream)
			.filter((name) -> name != null && !isNamed(name))
			.filter((name) -> others.stream().anyMatch((other) -> other.isNamed(name)))
			.findFirst();
	}

	private static <T> List<T> pick(List<T> items, List<Integer> indexes) {
		return indexes.stream().filter((i) -> i < items.size()).map(items::get).toList();
	}

	/**
	 * Chinese sentences at 。！？, each then through the project's splitter: a plain split
	 * at full stops cut at "Dr." and "3. Oktober".
	 */
	private static List<String> sentences(String text) {
		List<String> sentences = new ArrayList<>();
		for (String part : CJK_SENTENCE_END.split(text.strip())) {
			sentences.addAll(SentenceSplitter.split(part));
		}
		return sentences;
	}

	/**
	 * The items with no problem; each other one is recorded as "kind problem: item".
	 * @param problem what is wrong with an item, or null when nothing is
	 */
	private static <T> List<T> keep(List<T> items, Function<T, String> problem, String kind, List<String> removed) {
		List<T> kept = new ArrayList<>();
		for (T item : items) {
			String wrong = (item != null) ? problem.apply(item) : null;
			if (item != null && wrong == null) {
				kept.add(item);
			}
			else if (item != null) {
				removed.add(kind + " " + wrong + ": " + item);
			}
		}
		return kept;
	}

	/**
	 * What in a piece of prose the source does not hold, or null: a number or link, or a
	 * name (see {@link ProseNames}).
	 */
	private String problemWith(String text, String language) {
		if (!isGrounded(text, language)) {
			return "with a number or link " + NOT_IN_SOURCE;
		}
		List<String> names = (text != null) ? this.names.ungrounded(text, language) : List.of();
		return names.isEmpty() ? null
				: "naming " + names.stream().map((name) -> "„" + name + "“").collect(Collectors.joining(", ")) + ", "
						+ NOT_IN_SOURCE;
	}

	private static String firstOf(String problem, String other) {
		return (problem != null) ? problem : other;
	}

	private String unlessAppears(String text) {
		return (text == null || text.isBlank() || appears(text)) ? null : NOT_IN_SOURCE;
	}

	private String unlessNamed(String name) {
		return (name == null || name.isBlank() || isNamed(name)) ? null : NOT_IN_SOURCE;
	}

	/**
	 * Whether the source names {@code name}: as written, or its words in the same order,
	 * each perhaps with a German case ending („die Freien Wähler“ names "Freie Wähler",
	 * „Altmans“ "Altman", but not "Altmann").
	 */
	private boolean isNamed(String name) {
		if (appears(name)) {
			return true;
		}
		String[] words = normalize(name).split("[\\s-]+");
		StringBuilder pattern = new StringBuilder("(?<![\\p{L}\\p{N}])");
		for (int i = 0; i < words.length; i++) {
			pattern.append(i > 0 ? "[\\s-]+" : "").append(Pattern.quote(words[i])).append(ENDING);
		}
		return !words[0].isEmpty()
				&& Pattern.compile(pattern.append("(?![\\p{L}\\p{N}])").toString()).matcher(this.sourceText).find();
	}

	/**
	 * Whether every number in the text is the source's, by its digits or by its value in
	 * the text's language ("120万" for „1,2 Mio.“), and every link is in the source.
	 */
	private boolean isGrounded(String text, String language) {
		return text == null || (numbersNotInSource(text, language).isEmpty() && linksAreInSource(text));
	}

	/**
	 * The numbers in a text in {@code language} that the source holds neither by their
	 * digits nor by their value.
	 */
	public List<String> numbersNotInSource(String text, String language) {
		return Amounts.in(text, language.equals("de"))
			.stream()
			.filter((amount) -> !isKnown(amount.number())
					&& (amount.value() == null || !this.sourceAmounts.contains(amount.value())))
			.map(Amounts.Amount::number)
			.toList();
	}

	private boolean linksAreInSource(String text) {
		Matcher link = URL.matcher(text);
		while (link.find()) {
			String address = link.group().replaceAll("[.,;:!?]+$", "").toLowerCase(Locale.ROOT);
			if (!this.sourceText.contains(address)) {
				return false;
			}
		}
		return true;
	}

	private boolean isKnown(String number) {
		return this.sourceNumbers.contains(digits(number));
	}

	private boolean appears(String text) {
		String needle = normalize(text);
		return !needle.isEmpty() && this.sourceText.contains(needle);
	}

	private static boolean hasNumber(String text) {
		return text != null && NUMBER.matcher(text).find();
	}

	/** "1.000", "1,000" and "1000" are one number; so are "4,2" and "4.2". */
	private static String digits(String number) {
		return number.replaceAll("\\D", "");
	}

	private static String normalize(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		return folded.replaceAll("[\"„“”‚‘’'«»‹›]", "").replaceAll("\\s+", " ").strip();
	}

}
