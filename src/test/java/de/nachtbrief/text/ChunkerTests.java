package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChunkerTests {

	private final TokenCounter counter = TokenCounter.shared();

	private final Chunker chunker = new Chunker(this.counter);

	@Test
	void tokenCounterIsSharedAndCountsOrdinaryText() {
		assertThat(TokenCounter.shared()).isSameAs(this.counter);
		assertThat(this.counter.count("")).isZero();
		assertThat(this.counter.count("Der Stadtrat beschließt neue Radwege.")).isBetween(5, 12);
		assertThat(this.counter.count("<|endoftext|>")).isGreaterThan(1);
	}

	@Test
	void tokenCounterGivesTheSameCountsFromManyThreads() {
		List<String> texts = sentences(200);
		List<Integer> sequential = texts.stream().map(this.counter::count).toList();

		List<Integer> parallel = texts.parallelStream().map(this.counter::count).toList();

		assertThat(parallel).isEqualTo(sequential);
	}

	@Test
	void textThatFitsGivesExactlyOneChunk() {
		String text = "  Der Rat tagte.\n\nDanach ging er nach Hause.  ";

		List<Chunk> chunks = this.chunker.chunk(text, 100, 10);

		assertThat(chunks).containsExactly(new Chunk(0, text.strip(), this.counter.count(text.strip())));
	}

	@Test
	void blankTextGivesNoChunks() {
		assertThat(this.chunker.chunk(" \n\n ", 100, 10)).isEmpty();
	}

	@Test
	void chunksStayWithinBudgetAndKeepSentencesWhole() {
		List<String> sentences = sentences(80);

		List<Chunk> chunks = this.chunker.chunk(String.join(" ", sentences), 120, 30);

		assertThat(chunks).hasSizeGreaterThan(3);
		assertThat(chunks).extracting(Chunk::index)
			.containsExactlyElementsOf(IntStream.range(0, chunks.size()).boxed().toList());
		for (Chunk chunk : chunks) {
			assertThat(chunk.tokens()).isLessThanOrEqualTo(120).isEqualTo(this.counter.count(chunk.text()));
			assertThat(sentences).containsAll(SentenceSplitter.split(chunk.text()));
		}
		assertThat(chunks.stream().flatMap((chunk) -> SentenceSplitter.split(chunk.text()).stream()).distinct())
			.containsExactlyElementsOf(sentences);
	}

	@Test
	void overlapRepeatsTheLastSentencesOfThePreviousChunk() {
		List<Chunk> chunks = this.chunker.chunk(String.join(" ", sentences(80)), 120, 30);

		for (int i = 1; i < chunks.size(); i++) {
			List<String> previous = SentenceSplitter.split(chunks.get(i - 1).text());
			List<String> current = SentenceSplitter.split(chunks.get(i).text());
			List<String> repeated = current.stream().filter(previous::contains).toList();
			assertThat(repeated).isNotEmpty();
			assertThat(previous.subList(previous.size() - repeated.size(), previous.size())).isEqualTo(repeated);
			assertThat(current.subList(0, repeated.size())).isEqualTo(repeated);
			assertThat(this.counter.count(String.join(" ", repeated))).isLessThanOrEqualTo(30);
		}
	}

	@Test
	void withoutOverlapEverySentenceAppearsExactlyOnce() {
		List<String> sentences = sentences(50);

		List<Chunk> chunks = this.chunker.chunk(String.join(" ", sentences), 100, 0);

		assertThat(chunks.stream().flatMap((chunk) -> SentenceSplitter.split(chunk.text()).stream()))
			.containsExactlyElementsOf(sentences);
	}

	@Test
	void keepsParagraphBreaksInsideChunks() {
		String text = String.join(" ", sentences(3)) + "\n\n"
				+ String.join(" ", sentences(3)).replace("Satz", "Absatz");

		List<Chunk> chunks = this.chunker.chunk(text + "\n\n" + String.join(" ", sentences(40)), 150, 0);

		assertThat(chunks.get(0).text()).startsWith(text + "\n\n");
	}

	@Test
	void cutsAnOverlongSentenceOnWordBoundaries() {
		List<String> words = IntStream.range(0, 300).mapToObj((i) -> "Wort" + i).toList();
		String sentence = String.join(" ", words) + ".";

		List<Chunk> chunks = this.chunker.chunk(sentence, 50, 0);

		assertThat(chunks).hasSizeGreaterThan(1)
			.allSatisfy((chunk) -> assertThat(chunk.tokens()).isLessThanOrEqualTo(50));
		assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining(" "))).isEqualTo(sentence);
	}

	@Test
	void cutsAnOverlongWordBetweenCharacters() {
		String word = "https://beispiel.de/" + "abcdefghij".repeat(60);

		List<Chunk> chunks = this.chunker.chunk(word, 20, 0);

		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.tokens()).isLessThanOrEqualTo(20));
		assertThat(chunks.stream().map(Chunk::text).collect(Collectors.joining())).isEqualTo(word);
	}

	@Test
	void rejectsNonsenseChunkSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.chunker.chunk("Text.", 0, 0))
			.withMessage("maxTokens must be at least 1, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.chunker.chunk("Text.", 100, -1))
			.withMessage("overlapTokens must be between 0 and maxTokens - 1 (99), was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> this.chunker.chunk("Text.", 100, 100))
			.withMessageContaining("overlapTokens");
	}

	@Test
	void sizesChunksFromTheContextWindowWithHeadroom() {
		assertThat(Chunker.chunkBudget(8192, 2048)).isEqualTo(4915);
		assertThat(Chunker.chunkBudget(128_000, 4_000)).isEqualTo(99_200);
		assertThat(Chunker.chunkBudget(Integer.MAX_VALUE, 0)).isPositive();
	}

	@Test
	void rejectsContextWindowsTooSmallForTheReservation() {
		assertThatIllegalArgumentException().isThrownBy(() -> Chunker.chunkBudget(0, 0))
			.withMessage("contextWindowTokens must be positive, was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> Chunker.chunkBudget(4096, -1))
			.withMessage("reservedForPromptAndAnswer must not be negative, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> Chunker.chunkBudget(1000, 900))
			.withMessage("contextWindowTokens (1000) minus reservedForPromptAndAnswer (900) leaves a chunk budget of "
					+ "80 tokens after 20 % headroom; at least 256 are needed");
		assertThatIllegalArgumentException().isThrownBy(() -> Chunker.chunkBudget(1000, 5000))
			.withMessageContaining("chunk budget of 0 tokens");
	}

	private static List<String> sentences(int count) {
		List<String> sentences = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			sentences.add("Satz " + i + " beschreibt den geplanten Radweg im Stadtteil Nord" + (i % 7) + " genauer.");
		}
		return sentences;
	}

}
