package de.nachtbrief.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Articles telling the same story are one story: a reprint under another name and a
 * lightly edited copy join their original; different articles, even on one subject, stay
 * apart.
 */
class StoriesTests {

	@Test
	void aReprintAndALightEditJoinTheirOriginalAmongTheSamples() throws IOException {
		assertGroupsCopiesOfTheFirst(Path.of("src/test/resources/samples"));
	}

	@Test
	void aReprintAndALightEditJoinTheirOriginalAmongTheSeeds() throws IOException {
		Path seeds = Path.of("..", "shared", "seeds");
		assumeTrue(Files.isDirectory(seeds), "shared seed articles are not available");
		assertGroupsCopiesOfTheFirst(seeds);
	}

	private static void assertGroupsCopiesOfTheFirst(Path folder) throws IOException {
		List<Path> files;
		try (Stream<Path> listed = Files.list(folder)) {
			files = listed.filter((file) -> file.toString().endsWith(".txt")).sorted().toList();
		}
		List<DigestWriter.Entry> entries = new ArrayList<>();
		for (Path file : files) {
			entries.add(DigestEntries.of(file.getFileName().toString(), Files.readString(file)));
		}
		String original = Files.readString(files.get(0));
		entries.add(DigestEntries.of("agentur/nachdruck.txt", reprinted(original)));
		entries.add(DigestEntries.of("agentur/bearbeitet.txt", lightlyEdited(original)));

		List<Stories.Story> stories = Stories.of(entries, "en");

		assertThat(stories).hasSize(files.size());
		Stories.Story grouped = stories.stream()
			.filter((story) -> story.sources().size() > 1)
			.findFirst()
			.orElseThrow();
		assertThat(grouped.sources()).extracting((entry) -> entry.document().source().file())
			.containsExactlyInAnyOrder(files.get(0).getFileName().toString(), "agentur/nachdruck.txt",
					"agentur/bearbeitet.txt");
		assertThat(stories).as("a story three sources tell comes first").first().isSameAs(grouped);
	}

	@Test
	void theSameBytesUnderTwoNamesAreOneStoryEvenWhenTooShortForAFingerprint() {
		String text = "Der Gemeinderat hat die Gebühren für das Freibad gesenkt.";
		List<Stories.Story> stories = Stories
			.of(List.of(DigestEntries.of("a.txt", text), DigestEntries.of("kopie/a.txt", text)), "en");

		assertThat(stories).singleElement().satisfies((story) -> assertThat(story.sources()).hasSize(2));
	}

	@Test
	void similarityIsHighForACopyAndLowForAnotherArticle() throws IOException {
		String first = Files.readString(Path.of("src/test/resources/samples/haushalt-kesselbrunn.txt"));
		String second = Files.readString(Path.of("src/test/resources/samples/sv-kesselbrunn-aufstieg.txt"));

		assertThat(Fingerprint.similarity(Fingerprint.of(first), Fingerprint.of(reprinted(first))))
			.isGreaterThanOrEqualTo(Stories.SAME_STORY);
		assertThat(Fingerprint.similarity(Fingerprint.of(first), Fingerprint.of(second))).isLessThan(0.2);
		assertThat(Fingerprint.of("Zu kurz, um eine Geschichte zu erkennen.")).isNull();
		assertThat(Fingerprint.similarity(null, Fingerprint.of(first))).isZero();
	}

	/** As another site reprints agency copy: its own line above, its own notice below. */
	static String reprinted(String text) {
		return "Aus dem Agenturdienst, bearbeitet von der Redaktion.\n\n" + text.strip()
				+ "\n\nDieser Artikel erschien zuerst bei unserem Partnerportal.";
	}

	/** A few words changed and the last paragraph dropped, as an editor shortens copy. */
	static String lightlyEdited(String text) {
		String[] paragraphs = text.strip().split("\n\\s*\n");
		String kept = String.join("\n\n", List.of(paragraphs).subList(0, Math.max(1, paragraphs.length - 1)));
		return kept.replaceFirst(" hat ", " habe ").replaceFirst(" und ", " sowie ").replaceFirst(" am ", " an dem ");
	}

}
