package de.nachtbrief.llm.extractive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.util.Triple;

/**
 * People, organisations and places named in German text, found by Stanford's CRF
 * named-entity recogniser with its German model (GermEval 2014 and CoNLL 2003 news, with
 * distributional-similarity classes). What the model tags is cleaned the way a reader
 * would: a name tagged in several ways takes its most frequent kind, genitives
 * („Frankreichs“) and surnames alone („Altman“) count for the full name, names cut at a
 * hyphen are joined again, and words trailing a name („Chelsea im Achtelfinale“) are
 * dropped. Country names from the JDK's German locale data are places whatever the model
 * says. Every name is copied from the text. Thread-safe once loaded.
 */
public final class NamedEntities {

	/** The model in the jar, unpacked from CoreNLP's German models at build time. */
	static final String MODEL = "edu/stanford/nlp/models/ner/german.distsim.crf.ser.gz";

	/**
	 * The model reads about 100,000 characters a second; an article's names are in its
	 * first pages.
	 */
	static final int MAX_CHARACTERS = 30_000;

	private static final int MAX_PER_KIND = 8;

	// Abbreviations the model tags as names that name nothing: "KI-Modelle", "die API".
	private static final Set<String> NOT_NAMES = Set.of("KI", "AI", "API", "APIs", "GPT", "CEO", "IT", "TV", "PC",
			"App", "Apps", "Online", "Internet");

	// A name ends before a lowercase word of German grammar: "Lian Jye Su von Omdia".
	private static final Pattern TRAILING_PHRASE = Pattern.compile(
			"\\s+(?:im|in|vom|von|am|an|beim|bei|zum|zur|mit|und|der|die|das|den|dem|des|gegen|nach|für|auf)\\s.*$");

	private static final Pattern ARABIC_ARTICLE = Pattern.compile(" (?:al|el|ad|as|ash|an|ar|at|az)-\\p{Lu}\\p{L}+");

	// A sentence's first word is capitalised: "Der Energieversorger Südwerk Energie AG".
	private static final Pattern LEADING_ARTICLE = Pattern.compile("^(?:Der|Die|Das|Den|Dem|Des)\\s+(?=\\p{Lu})");

	private static final Pattern POSSESSIVE = Pattern.compile("[’']s$");

	private static final Set<String> COUNTRIES = countries();

	public enum Kind {

		PERSON, ORGANIZATION, LOCATION

	}

	/** The names of a text by kind, most often named first. */
	public record Found(List<String> people, List<String> organisations, List<String> places) {

		static final Found NONE = new Found(List.of(), List.of(), List.of());

	}

	private NamedEntities() {
	}

	/**
	 * Loads the model (about 2.5 s and 180 MB of heap) in the background, so that a run's
	 * first briefs do not wait for it.
	 */
	public static void loadAhead() {
		Thread loader = new Thread(() -> Model.CLASSIFIER.hashCode(), "ner-model-load");
		loader.setDaemon(true);
		loader.start();
	}

	/** The people, organisations and places the text names. */
	public static Found in(String text) {
		String read = text.length() > MAX_CHARACTERS ? text.substring(0, MAX_CHARACTERS) : text;
		List<Mention> mentions = joinedAtHyphens(read, Model.CLASSIFIER.classifyToCharacterOffsets(read));
		Map<String, Map<Kind, Integer>> kinds = new LinkedHashMap<>();
		Map<String, Integer> firstSeen = new HashMap<>();
		for (Mention mention : mentions) {
			String name = cleaned(mention.text);
			if (name != null) {
				kinds.computeIfAbsent(name, (key) -> new HashMap<>()).merge(mention.kind, 1, Integer::sum);
				firstSeen.putIfAbsent(name, mention.start);
			}
		}
		Map<String, String> canonical = canonicalNames(kinds.keySet(), read);
		Map<String, Map<Kind, Integer>> merged = new LinkedHashMap<>();
		kinds.forEach((name, counts) -> counts
			.forEach((kind, count) -> merged.computeIfAbsent(canonical.get(name), (key) -> new HashMap<>())
				.merge(kind, count, Integer::sum)));
		Map<Kind, List<String>> byKind = new HashMap<>();
		merged.entrySet()
			.stream()
			.sorted(Comparator.comparingInt((Map.Entry<String, Map<Kind, Integer>> entry) -> -total(entry.getValue()))
				.thenComparingInt((entry) -> firstSeen.getOrDefault(entry.getKey(), Integer.MAX_VALUE)))
			.forEach((entry) -> byKind
				.computeIfAbsent(kindOf(entry.getKey(), entry.getValue()), (key) -> new ArrayList<>())
				.add(entry.getKey()));
		return new Found(top(byKind, Kind.PERSON), top(byKind, Kind.ORGANIZATION), top(byKind, Kind.LOCATION));
	}

	private static List<String> top(Map<Kind, List<String>> byKind, Kind kind) {
		return byKind.getOrDefault(kind, List.of()).stream().limit(MAX_PER_KIND).toList();
	}

	private static int total(Map<Kind, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static Kind kindOf(String name, Map<Kind, Integer> counts) {
		if (COUNTRIES.contains(name)) {
			return Kind.LOCATION;
		}
		return counts.entrySet()
			.stream()
			.max(Map.Entry.<Kind, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.orElseThrow()
			.getKey();
	}

	/**
	 * The model's tokenizer splits at hyphens, so "Andre Villas-Boas" comes back in two
	 * parts and "KI-Modelle" as "KI": parts of one kind are joined again, and a part of a
	 * compound that is not itself a name is left out.
	 */
	private static List<Mention> joinedAtHyphens(String text, List<Triple<String, Integer, Integer>> tagged) {
		List<Mention> mentions = new ArrayList<>();
		for (Triple<String, Integer, Integer> tag : tagged) {
			Kind kind = kind(tag.first());
			if (kind == null) {
				continue;
			}
			int start = tag.second();
			int end = tag.third();
			Mention previous = mentions.isEmpty() ? null : mentions.get(mentions.size() - 1);
			if (previous != null && previous.kind == kind && previous.end + 1 == start
					&& text.charAt(previous.end) == '-') {
				mentions.set(mentions.size() - 1,
						new Mention(kind, previous.start, end, text.substring(previous.start, end)));
				continue;
			}
			if (kind == Kind.PERSON) {
				// "Abdel Fattah al-Sisi", "Johanna Mikl-Leitner": a name goes on after
				// its
				// hyphen and through an Arabic article, which the model leaves out.
				Matcher article = ARABIC_ARTICLE.matcher(text).region(end, text.length());
				if (article.lookingAt()) {
					end = article.end();
				}
				while (end + 1 < text.length() && text.charAt(end) == '-' && Character.isLetter(text.charAt(end + 1))) {
					end++;
					while (end < text.length() && Character.isLetter(text.charAt(end))) {
						end++;
					}
				}
			}
			mentions.add(new Mention(kind, start, end, text.substring(start, end)));
		}
		return mentions.stream().filter((mention) -> !inCompound(text, mention)).toList();
	}

	private static boolean inCompound(String text, Mention mention) {
		boolean before = mention.start >= 2 && text.charAt(mention.start - 1) == '-'
				&& Character.isLetterOrDigit(text.charAt(mention.start - 2));
		boolean after = mention.end + 1 < text.length() && text.charAt(mention.end) == '-'
				&& Character.isLetterOrDigit(text.charAt(mention.end + 1));
		return before || after;
	}

	private static Kind kind(String tag) {
		return switch (tag) {
			case "PERSON", "I-PER", "B-PER" -> Kind.PERSON;
			case "ORGANIZATION", "I-ORG", "B-ORG" -> Kind.ORGANIZATION;
			case "LOCATION", "I-LOC", "B-LOC" -> Kind.LOCATION;
			default -> null;
		};
	}

	/** The name as a list shows it, or null when it names nothing. */
	private static String cleaned(String mention) {
		String name = TRAILING_PHRASE.matcher(mention.strip().replaceAll("\\s+", " ")).replaceFirst("");
		name = POSSESSIVE.matcher(name).replaceFirst("");
		name = LEADING_ARTICLE.matcher(name).replaceFirst("");
		boolean capitalised = !name.isEmpty() && Character.isUpperCase(name.codePointAt(0));
		if (!capitalised || name.length() < 2 || NOT_NAMES.contains(name)) {
			return null;
		}
		return name;
	}

	/**
	 * Maps every name to the form the list shows: a genitive to its base form when the
	 * text or the country list has it ("Chinas" → "China"), a surname or a first name
	 * alone to the one longer name that contains it ("Altman" → "Sam Altman").
	 */
	private static Map<String, String> canonicalNames(Set<String> names, String text) {
		Map<String, String> canonical = new HashMap<>();
		for (String name : names) {
			String base = name;
			if (name.endsWith("s") && name.length() > 3) {
				String stem = name.substring(0, name.length() - 1);
				if (names.contains(stem) || COUNTRIES.contains(stem)
						|| Pattern.compile("(?<![\\p{L}-])" + Pattern.quote(stem) + "(?![\\p{L}-])")
							.matcher(text)
							.find()) {
					base = stem;
				}
			}
			String single = base;
			if (!base.contains(" ")) {
				List<String> longer = names.stream()
					.filter((other) -> other.contains(" ") && List.of(other.split(" ")).contains(single))
					.collect(Collectors.toCollection(ArrayList::new));
				if (longer.size() == 1) {
					base = longer.get(0);
				}
			}
			canonical.put(name, base);
		}
		return canonical;
	}

	private static Set<String> countries() {
		Set<String> names = new TreeSet<>();
		for (String code : Locale.getISOCountries()) {
			names.add(new Locale("", code).getDisplayCountry(Locale.GERMAN));
		}
		names.addAll(List.of("USA", "US", "Vereinigte Staaten", "Vereinigten Staaten", "Großbritannien"));
		return Set.copyOf(names);
	}

	private record Mention(Kind kind, int start, int end, String text) {

	}

	/** Loaded on first use: the model takes seconds and 180 MB. */
	private static final class Model {

		static final CRFClassifier<CoreLabel> CLASSIFIER = load();

		private static CRFClassifier<CoreLabel> load() {
			try {
				return CRFClassifier.getClassifier(MODEL);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot load the German named-entity model " + MODEL, ex);
			}
		}

	}

}
