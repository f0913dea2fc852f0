package de.nachtbrief.brief;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a brief's prose uses that its source does not hold: a person, organisation or
 * place that a model added. A name is a run of capitalised words; it is grounded when
 * each of its words is in the source (German inflections allowed: "Altman" is grounded by
 * „Altmans“), is an ordinary English word (SCOWL's common words, so "Union Calls Strike"
 * names nobody), is a date word or title, or is the English name of a place or people
 * whose German form the source has ("Vienna" by „Wien“). In Chinese, the Latin-script
 * names are checked the same way, and a name written in Chinese characters with a middle
 * dot („埃德温·夸恩霍尔特“) only counts with its original beside it in brackets. In German, where
 * every noun is capitalised, a run of two or more words none of which the source has
 * counts as a name.
 */
public final class ProseNames {

	/** A word in Latin script; Chinese characters are words of their own kind. */
	private static final Pattern WORD = Pattern.compile("\\p{IsLatin}[\\p{IsLatin}\\p{M}\\p{Nd}'’]*");

	/** What ends a sentence, so that the next word is capitalised whatever it is. */
	private static final Pattern SENTENCE_END = Pattern.compile("(^|[.!?:;»«“”\"„]\\s*)$");

	/** What may stand between two words of one name: spaces, a hyphen, "Dr. ". */
	private static final Pattern WITHIN_A_NAME = Pattern.compile("\\.?[ \\u00A0-]?");

	/**
	 * A foreign name in Chinese characters, its parts joined by a middle dot; where it
	 * ends the text does not say, so a part is taken as at most five characters.
	 */
	private static final Pattern DOTTED_HAN_NAME = Pattern.compile("\\p{IsHan}{1,5}(?:[·•‧・]\\p{IsHan}{1,5})+");

	private static final Pattern NAME_DOT = Pattern.compile("[·•‧・]");

	private static final Pattern ORIGINAL_AFTER = Pattern.compile("^\\s*[（(]\\s*\\p{IsLatin}");

	private static final Pattern ORIGINAL_BEFORE = Pattern.compile("\\p{IsLatin}[\\p{L}.'’ -]*\\s*[（(]\\s*$");

	private static final List<String> INFLECTIONS = List.of("s", "es", "n", "en", "ns", "ens", "e", "er", "ern", "em");

	private static final Set<String> ENGLISH_WORDS = englishWords();

	/**
	 * English word → the beginnings of the German words that ground it; empty for a word
	 * that is no name.
	 */
	private static final Map<String, List<String>> RENDERINGS = renderings();

	private final Set<String> sourceWords = new HashSet<>();

	private final List<String> glossary;

	public ProseNames(String source) {
		this(source, List.of());
	}

	/**
	 * @param glossary renderings from the job's glossary, which ground names too
	 */
	public ProseNames(String source, List<String> glossary) {
		addWords(source);
		glossary.forEach(this::addWords);
		this.glossary = List.copyOf(glossary);
	}

	private void addWords(String text) {
		Matcher word = WORD.matcher(text);
		while (word.find()) {
			this.sourceWords.add(fold(word.group()));
		}
	}

	/** The names in {@code text} that are not grounded, as the text writes them. */
	public List<String> ungrounded(String text, String language) {
		List<String> names = new ArrayList<>();
		boolean german = language.equals("de");
		for (List<String> run : capitalisedRuns(text, german)) {
			long strangers = run.stream().filter((word) -> !isGrounded(word) && (german || !isOrdinary(word))).count();
			if (german ? strangers >= 2 : strangers > 0) {
				names.add(String.join(" ", run));
			}
		}
		if (language.startsWith("zh")) {
			Matcher han = DOTTED_HAN_NAME.matcher(text);
			while (han.find()) {
				if (!ORIGINAL_AFTER.matcher(text.substring(han.end())).find()
						&& !ORIGINAL_BEFORE.matcher(text.substring(0, han.start())).find()
						&& !isFromGlossary(text, han.start() + firstDot(han.group()))) {
					names.add(han.group());
				}
			}
		}
		return names;
	}

	/** Whether a glossary rendering stands in the text where {@code position} is. */
	private boolean isFromGlossary(String text, int position) {
		for (String rendering : this.glossary) {
			for (int at = text.indexOf(rendering); at >= 0 && at <= position; at = text.indexOf(rendering, at + 1)) {
				if (position < at + rendering.length()) {
					return true;
				}
			}
		}
		return false;
	}

	private static int firstDot(String name) {
		Matcher dot = NAME_DOT.matcher(name);
		return dot.find() ? dot.start() : 0;
	}

	/**
	 * @param skipSentenceStarts whether a sentence's first word is left out: in German it
	 * is capitalised whatever it is
	 */
	private static List<List<String>> capitalisedRuns(String text, boolean skipSentenceStarts) {
		List<List<String>> runs = new ArrayList<>();
		List<String> run = new ArrayList<>();
		int end = -1;
		Matcher word = WORD.matcher(text);
		while (word.find()) {
			boolean joined = end >= 0 && WITHIN_A_NAME.matcher(text.substring(end, word.start())).matches();
			if (!joined && !run.isEmpty()) {
				runs.add(run);
				run = new ArrayList<>();
			}
			boolean sentenceStart = skipSentenceStarts && SENTENCE_END.matcher(text.substring(0, word.start())).find();
			if (Character.isUpperCase(word.group().codePointAt(0)) && !sentenceStart) {
				run.add(word.group());
				end = word.end();
			}
			else {
				end = -1;
			}
		}
		if (!run.isEmpty()) {
			runs.add(run);
		}
		return runs;
	}

	/** In the source, as written or inflected, or the English name of a source's word. */
	private boolean isGrounded(String word) {
		String folded = withoutPossessive(fold(word));
		if (inSource(folded)) {
			return true;
		}
		List<String> german = RENDERINGS.get(folded);
		return german != null && !german.isEmpty() && german.stream()
			.anyMatch((beginning) -> this.sourceWords.stream().anyMatch((source) -> source.startsWith(beginning)));
	}

	private boolean inSource(String word) {
		if (this.sourceWords.contains(word)) {
			return true;
		}
		for (String ending : INFLECTIONS) {
			if (this.sourceWords.contains(word + ending) || (word.endsWith(ending)
					&& this.sourceWords.contains(word.substring(0, word.length() - ending.length())))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isOrdinary(String word) {
		String lower = withoutPossessive(word.toLowerCase(Locale.ROOT));
		List<String> german = RENDERINGS.get(fold(lower));
		return ENGLISH_WORDS.contains(lower) || (german != null && german.isEmpty());
	}

	private static String withoutPossessive(String word) {
		return word.replaceAll("['’]s?$", "");
	}

	/** Lower case without accents: „Müller“, "Muller" and "MÜLLER" are one word. */
	private static String fold(String word) {
		return Normalizer.normalize(word.toLowerCase(Locale.ROOT).replace("ß", "ss"), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
	}

	private static Set<String> englishWords() {
		Set<String> words = new HashSet<>();
		for (String line : lines("english-words.txt")) {
			words.add(line.strip());
		}
		return words;
	}

	private static Map<String, List<String>> renderings() {
		Map<String, List<String>> renderings = new HashMap<>();
		for (String line : lines("english-renderings.tsv")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] columns = line.split("\t");
			renderings.put(fold(columns[0].strip()), columns[1].strip().equals("-") ? List.of()
					: List.of(columns[1].strip().split("\\|")).stream().map(ProseNames::fold).toList());
		}
		return renderings;
	}

	private static List<String> lines(String resource) {
		try (InputStream in = ProseNames.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("missing resource " + resource);
			}
			return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
