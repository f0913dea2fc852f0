package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Splits a text into token-counted chunks of whole sentences, each chunk repeating the
 * last sentences of the one before as overlap. A sentence is cut (on word boundaries)
 * only when it alone is longer than a chunk.
 */
public final class Chunker {

	/**
	 * Smallest chunk budget worth a model request; below it the prompt would dwarf the
	 * text.
	 */
	public static final int MIN_CHUNK_TOKENS = 256;

	// Token counts come from o200k_base; Llama, Qwen and Mistral tokenizers need up to a
	// quarter more tokens for
	// German, so only 80 % of the free context is handed out.
	private static final double TOKENIZER_HEADROOM = 0.8;

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\u00A0]*\\n");

	private final TokenCounter counter;

	public Chunker(TokenCounter counter) {
		this.counter = Objects.requireNonNull(counter, "counter");
	}

	public Chunker() {
		this(TokenCounter.shared());
	}

	/**
	 * Returns how many tokens of text fit in one request to a backend with the given
	 * context window.
	 * @throws IllegalArgumentException if the numbers are negative or leave less than
	 * {@link #MIN_CHUNK_TOKENS}
	 */
	public static int chunkBudget(int contextWindowTokens, int reservedForPromptAndAnswer) {
		if (contextWindowTokens <= 0) {
			throw new IllegalArgumentException("contextWindowTokens must be positive, was " + contextWindowTokens);
		}
		if (reservedForPromptAndAnswer < 0) {
			throw new IllegalArgumentException(
					"reservedForPromptAndAnswer must not be negative, was " + reservedForPromptAndAnswer);
		}
		int budget = (int) ((contextWindowTokens - (long) reservedForPromptAndAnswer) * TOKENIZER_HEADROOM);
		if (budget < MIN_CHUNK_TOKENS) {
			throw new IllegalArgumentException(("contextWindowTokens (%d) minus reservedForPromptAndAnswer (%d) leaves "
					+ "a chunk budget of %d tokens after %d %% headroom; at least %d are needed")
				.formatted(contextWindowTokens, reservedForPromptAndAnswer, Math.max(budget, 0),
						Math.round((1 - TOKENIZER_HEADROOM) * 100), MIN_CHUNK_TOKENS));
		}
		return budget;
	}

	/**
	 * Returns the chunks of {@code text} in order: one chunk if it fits in
	 * {@code maxTokens}, none if it is blank. Paragraph breaks inside a chunk are kept as
	 * blank lines.
	 */
	public List<Chunk> chunk(String text, int maxTokens, int overlapTokens) {
		Objects.requireNonNull(text, "text");
		if (maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
		}
		if (overlapTokens < 0 || overlapTokens >= maxTokens) {
			throw new IllegalArgumentException("overlapTokens must be between 0 and maxTokens - 1 (%d), was %d"
				.formatted(maxTokens - 1, overlapTokens));
		}
		String stripped = text.strip();
		if (stripped.isEmpty()) {
			return List.of();
		}
		int tokens = this.counter.count(stripped);
		if (tokens <= maxTokens) {
			return List.of(new Chunk(0, stripped, tokens));
		}
		return new ChunkPacker(this.counter, maxTokens, overlapTokens).pack(piecesOf(stripped, maxTokens));
	}

	private List<ChunkPacker.Piece> piecesOf(String text, int maxTokens) {
		WordCutter cutter = new WordCutter(this.counter);
		List<ChunkPacker.Piece> pieces = new ArrayList<>();
		for (String paragraph : PARAGRAPH_BREAK.split(text)) {
			String separator = "\n\n";
			for (String sentence : SentenceSplitter.split(paragraph)) {
				for (WordCutter.Part part : cutter.cut(sentence, maxTokens)) {
					String before = part.continuesWord() ? "" : separator;
					pieces.add(new ChunkPacker.Piece(part.text(), this.counter.count(part.text()), before));
					separator = " ";
				}
			}
		}
		return pieces;
	}

}
