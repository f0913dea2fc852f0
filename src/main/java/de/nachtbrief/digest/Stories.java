package de.nachtbrief.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.LocalizedBrief;

/**
 * A run's briefs as a digest tells them: articles telling the same story grouped into one
 * story (by {@link Fingerprint}, or the same bytes), stories ranked by what their briefs
 * carry, and put into sections, by the source's folder when the input has folders, else
 * by the topics the stories share.
 */
final class Stories {

	/**
	 * Most shingles in common: a reprint or a light edit, not a related article (two
	 * reports of one event by different writers share far fewer).
	 */
	static final double SAME_STORY = 0.6;

	// Candidates for a pair come from equal bands of the signature (locality-sensitive
	// hashing), so a run of thousands is not compared pair by pair.
	private static final int BAND_BUCKETS = 4;

	private static final int MIN_SECTION_STORIES = 3;

	private static final int MAX_SECTIONS = 10;

	// What a reader gets from a brief: its figures, the names it gives, how much it
	// says; and a story several sources tell matters more.
	private static final double SOURCE_WEIGHT = 3;

	private static final Comparator<Story> BEST_FIRST = Comparator.comparingDouble((Story story) -> -story.weight())
		.thenComparing((story) -> story.lead().document().source().file());

	private Stories() {
	}

	/** One story: the briefs that tell it, the most informative first. */
	record Story(List<DigestWriter.Entry> sources, double weight) {

		DigestWriter.Entry lead() {
			return this.sources.get(0);
		}

	}

	/** A section of the digest; a null name is the section of stories no other took. */
	record Section(String name, List<Story> stories) {
	}

	/** The stories of the entries that have a brief in this language, best first. */
	static List<Story> of(List<DigestWriter.Entry> entries, String language) {
		List<DigestWriter.Entry> briefed = entries.stream()
			.filter((entry) -> entry.document().briefs().containsKey(language))
			.toList();
		int[] parent = new int[briefed.size()];
		for (int i = 0; i < parent.length; i++) {
			parent[i] = i;
		}
		Map<String, List<Integer>> buckets = new HashMap<>();
		for (int i = 0; i < briefed.size(); i++) {
			BriefDocument.Source source = briefed.get(i).document().source();
			buckets.computeIfAbsent("sha:" + source.sha256(), (key) -> new ArrayList<>()).add(i);
			String fingerprint = source.fingerprint();
			int width = BAND_BUCKETS * 8;
			for (int band = 0; fingerprint != null && band + width <= fingerprint.length(); band += width) {
				buckets
					.computeIfAbsent(band + ":" + fingerprint.substring(band, band + width), (key) -> new ArrayList<>())
					.add(i);
			}
		}
		for (List<Integer> candidates : buckets.values()) {
			for (int a = 0; a < candidates.size(); a++) {
				for (int b = a + 1; b < candidates.size(); b++) {
					int first = candidates.get(a);
					int second = candidates.get(b);
					if (find(parent, first) != find(parent, second)
							&& sameStory(briefed.get(first), briefed.get(second))) {
						parent[find(parent, first)] = find(parent, second);
					}
				}
			}
		}
		Map<Integer, List<DigestWriter.Entry>> groups = new LinkedHashMap<>();
		for (int i = 0; i < briefed.size(); i++) {
			groups.computeIfAbsent(find(parent, i), (root) -> new ArrayList<>()).add(briefed.get(i));
		}
		return groups.values().stream().map((sources) -> story(sources, language)).sorted(BEST_FIRST).toList();
	}

	private static boolean sameStory(DigestWriter.Entry first, DigestWriter.Entry second) {
		BriefDocument.Source a = first.document().source();
		BriefDocument.Source b = second.document().source();
		return a.sha256().equals(b.sha256()) || Fingerprint.similarity(a.fingerprint(), b.fingerprint()) >= SAME_STORY;
	}

	private static int find(int[] parent, int i) {
		while (parent[i] != i) {
			parent[i] = parent[parent[i]];
			i = parent[i];
		}
		return i;
	}

	private static Story story(List<DigestWriter.Entry> sources, String language) {
		List<DigestWriter.Entry> ordered = new ArrayList<>(sources);
		ordered.sort(Comparator.comparingDouble((DigestWriter.Entry entry) -> -weight(brief(entry, language)))
			.thenComparing((entry) -> entry.document().source().file()));
		double weight = weight(brief(ordered.get(0), language)) + SOURCE_WEIGHT * (ordered.size() - 1);
		return new Story(List.copyOf(ordered), weight);
	}

	static double weight(Brief brief) {
		int names = brief.people().size() + brief.organisations().size() + brief.places().size();
		return Math.min(brief.figures().size(), 5) + 0.5 * Math.min(names, 10)
				+ Math.min(brief.summary().length() / 400.0, 3) + 0.5 * Math.min(brief.quotes().size(), 2);
	}

	static Brief brief(DigestWriter.Entry entry, String language) {
		LocalizedBrief localized = entry.document().briefs().get(language);
		return localized.brief();
	}

	/**
	 * The stories in sections, each keeping the order it was given: one per input folder
	 * when the sources lie in two or more, else one per topic that at least
	 * {@value #MIN_SECTION_STORIES} stories share (the most shared first, at most
	 * {@value #MAX_SECTIONS}), and last the stories none took.
	 */
	static List<Section> sections(List<Story> stories, String language) {
		Map<String, List<Story>> byFolder = new LinkedHashMap<>();
		for (Story story : stories) {
			byFolder.computeIfAbsent(folder(story.lead().document().source().file()), (key) -> new ArrayList<>())
				.add(story);
		}
		if (byFolder.size() > 1) {
			return byFolder.entrySet()
				.stream()
				.sorted(Map.Entry.comparingByKey(Comparator.nullsLast(Comparator.naturalOrder())))
				.map((entry) -> new Section(entry.getKey(), entry.getValue()))
				.toList();
		}
		return byTopic(stories, language);
	}

	private static List<Section> byTopic(List<Story> stories, String language) {
		List<Story> left = new ArrayList<>(stories);
		List<Section> sections = new ArrayList<>();
		while (sections.size() < MAX_SECTIONS) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			for (Story story : left) {
				new LinkedHashSet<>(brief(story.lead(), language).topics())
					.forEach((topic) -> counts.merge(topic, 1, Integer::sum));
			}
			String topic = counts.entrySet()
				.stream()
				.max(Map.Entry.<String, Integer>comparingByValue()
					.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
				.filter((entry) -> entry.getValue() >= MIN_SECTION_STORIES)
				.map(Map.Entry::getKey)
				.orElse(null);
			if (topic == null) {
				break;
			}
			List<Story> taken = left.stream()
				.filter((story) -> brief(story.lead(), language).topics().contains(topic))
				.toList();
			left.removeAll(taken);
			sections.add(new Section(topic, taken));
		}
		if (!left.isEmpty()) {
			sections.add(new Section(null, left));
		}
		return sections;
	}

	/** The first folder of a path relative to the input folder, or null at its top. */
	private static String folder(String file) {
		int slash = file.indexOf('/');
		return (slash > 0) ? file.substring(0, slash) : null;
	}

}
