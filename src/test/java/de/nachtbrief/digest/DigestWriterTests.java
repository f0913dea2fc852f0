package de.nachtbrief.digest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.Brief.Figure;
import de.nachtbrief.brief.Markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The digest's shape: top stories, contents, sections, grouped sources, notes once. */
class DigestWriterTests {

	@Test
	void aSmallRunListsEveryStoryInFullBestFirstWithItsNoteOnce() {
		List<DigestWriter.Entry> entries = List.of(entry(1, 1, "Wien"), entry(2, 4, "Wien"), entry(3, 2, "Sport"));

		DigestWriter.Rendered digest = DigestWriter.render("2026-12-04", 7, "en", entries, List.of(), 0);

		assertThat(digest.sectionPages()).isEmpty();
		assertThat(digest.main()).doesNotContain("## Top stories").doesNotContain("## Contents");
		assertThat(headings(digest.main(), "## \\[")).containsExactly("Story 2", "Story 3", "Story 1");
		assertThat(occurrences(digest.main(), DigestEntries.UNTRANSLATED)).isOne();
		assertThat(digest.main()).contains(DigestEntries.UNTRANSLATED + " (3)");
	}

	@Test
	void aLargeRunHasTopStoriesContentsAndSectionsWithTheRestOnPagesOfTheirOwn() {
		List<DigestWriter.Entry> entries = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			String topic = (i % 4 == 0) ? "Klima" : (i % 4 == 1) ? "Sport" : (i % 4 == 2) ? "Wien" : "Kultur";
			entries.add(entry(i, i % 6, topic));
		}
		entries.add(DigestEntries.of("zweitquelle.txt", text(40), brief(40, 40 % 6, "Klima")));

		DigestWriter.Rendered digest = DigestWriter.render("2026-12-04", 7, "en", entries, List.of(), 0);
		String main = digest.main();

		// Top stories: the one two sources tell, then those with the most figures, ties
		// by
		// file name.
		assertThat(headings(main, "### \\[")).containsExactly("Story 40", "Story 11", "Story 17", "Story 23",
				"Story 29");
		assertThat(main).contains("also in: [zweitquelle.txt](../briefs/2026-12-04/zweitquelle-txt.en.md)")
			.contains("Stories told by more than one source: 1");
		assertThat(main.indexOf("## Top stories")).isLessThan(main.indexOf("## Contents"));
		// Sections by shared topic, the largest first; the top stories are not repeated.
		assertThat(main).contains("- [Wien](#wien) · 10", "- [Klima](#klima) · 9", "- [Kultur](#kultur) · 8",
				"- [Sport](#sport) · 8");
		assertThat(headings(main, "## ")).containsSubsequence("Top stories", "Contents", "Wien", "Klima", "Kultur",
				"Sport");
		// A section of more stories than its preview links to its page, which has them
		// all.
		assertThat(main).contains("[All 10 stories in “Wien”](2026-12-04-run-7.en.section-1.md)");
		assertThat(digest.sectionPages()).containsOnlyKeys("section-1", "section-2");
		assertThat(headings(digest.sectionPages().get("section-1"), "## \\[")).hasSize(10);
		assertThat(occurrences(main, DigestEntries.UNTRANSLATED)).isOne();
		// In HTML the contents' links reach their sections.
		String html = Markdown.toHtmlPage("Digest", "en", main);
		assertThat(html).contains("<h2 id=\"sport\">Sport</h2>").contains("href=\"#sport\"");
	}

	@Test
	void theCorpusDigestIsOrderedSectionedByFolderGroupedAndAFractionOfItsPages() throws IOException {
		Path corpus = Path.of("..", "shared", "corpus", "10kgnad-test.csv");
		assumeTrue(Files.isRegularFile(corpus), "the shared corpus is not available");
		List<DigestWriter.Entry> entries = new ArrayList<>();
		String first = null;
		try (Reader reader = Files.newBufferedReader(corpus)) {
			int number = 0;
			for (CSVRecord row : CSVFormat.DEFAULT.builder().setDelimiter(';').setQuote('\'').get().parse(reader)) {
				if (number == 200) {
					break;
				}
				String file = row.get(0).toLowerCase() + "/artikel-" + number++ + ".txt";
				entries.add(DigestEntries.of(file, row.get(1)));
				first = (first == null) ? row.get(1) : first;
			}
		}
		entries.add(DigestEntries.of("nachdruck/artikel-0.txt", StoriesTests.reprinted(first)));

		DigestWriter.Rendered digest = DigestWriter.render("2026-12-04", 1, "en", entries, List.of(), 0);

		List<Stories.Story> stories = Stories.of(entries, "en");
		assertThat(stories).hasSize(200);
		for (int i = 1; i < DigestWriter.TOP_STORIES; i++) {
			assertThat(stories.get(i - 1).weight()).isGreaterThanOrEqualTo(stories.get(i).weight());
		}
		assertThat(stories)
			.anySatisfy((story) -> assertThat(story.sources()).extracting((entry) -> entry.document().source().file())
				.containsExactlyInAnyOrder("nachdruck/artikel-0.txt", "wirtschaft/artikel-0.txt"));
		List<Stories.Section> sections = Stories.sections(stories.subList(DigestWriter.TOP_STORIES, stories.size()),
				"en");
		assertThat(sections).extracting(Stories.Section::name).contains("sport", "web", "wirtschaft", "inland");
		assertThat(sections).allSatisfy((section) -> assertThat(section.stories())
			.allSatisfy((story) -> assertThat(story.lead().document().source().file()).startsWith(section.name())));
		int pages = digest.sectionPages().values().stream().mapToInt(String::length).sum();
		assertThat(digest.main().length()).isLessThan(pages / 5);
	}

	private static DigestWriter.Entry entry(int number, int figures, String topic) {
		return DigestEntries.of("artikel-" + number + ".txt", text(number), brief(number, figures, topic));
	}

	/** Words no other article has, so that no two are taken for the same story. */
	private static String text(int number) {
		StringBuilder text = new StringBuilder();
		for (int word = 0; word < 60; word++) {
			text.append("wort").append(number).append('x').append(word).append(' ');
		}
		return text.toString();
	}

	private static Brief brief(int number, int figures, String topic) {
		List<Figure> values = new ArrayList<>();
		for (int i = 0; i < figures; i++) {
			values.add(new Figure(i + " Prozent", "Es sind " + i + " Prozent."));
		}
		return new Brief("Story " + number, "Zusammenfassung " + number + ".", List.of(), List.of(), List.of(),
				List.of(), values, List.of(), List.of(topic));
	}

	private static List<String> headings(String markdown, String prefix) {
		Matcher heading = Pattern.compile("(?m)^" + prefix + "([^\\]\\n]+)").matcher(markdown);
		List<String> found = new ArrayList<>();
		while (heading.find()) {
			found.add(heading.group(1));
		}
		return found;
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

}
