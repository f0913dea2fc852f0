package de.nachtbrief.llm.extractive;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextRankTests {

	@Test
	void similarityIsSharedStemsOverLogLengths() {
		double similarity = TextRank.similarity(List.of("rad", "weg", "stadt", "bau"),
				List.of("rad", "weg", "geld", "rat"));

		assertThat(similarity).isCloseTo(2 / (Math.log(4) + Math.log(4)), within(1e-12));
		assertThat(TextRank.similarity(List.of("rad"), List.of("geld"))).isZero();
		assertThat(TextRank.similarity(List.of("rad"), List.of("rad"))).isEqualTo(1.0);
	}

	@Test
	void ranksTheSentenceSharingMostWithOthersHighest() {
		List<List<String>> sentences = List.of(List.of("rad", "weg", "stadt", "bau"), List.of("rad", "weg", "geld"),
				List.of("stadt", "bau", "geld", "rat"), List.of("wetter", "sonne", "regen"));

		double[] scores = TextRank.scores(sentences);

		assertThat(scores[0]).isGreaterThan(scores[1]).isGreaterThan(scores[3]);
		assertThat(scores[3]).isCloseTo(0.15, within(1e-9));
	}

	@Test
	void handlesNoSentences() {
		assertThat(TextRank.scores(List.of())).isEmpty();
	}

}
