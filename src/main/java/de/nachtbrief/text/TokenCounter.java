package de.nachtbrief.text;

import java.util.Objects;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with OpenAI's {@code o200k_base} encoding. For other backends (Llama,
 * Qwen, Mistral) the count is an estimate; {@link Chunker#chunkBudget(int, int)} leaves
 * headroom for that. Thread-safe; use {@link #shared()}.
 */
public final class TokenCounter {

	private final Encoding encoding;

	private TokenCounter(Encoding encoding) {
		this.encoding = encoding;
	}

	/**
	 * Returns the one shared counter; its vocabulary is loaded on first use.
	 */
	public static TokenCounter shared() {
		return Holder.INSTANCE;
	}

	/**
	 * Loads the vocabulary in the background, so that a run's first documents do not wait
	 * for it.
	 */
	public static void loadAhead() {
		Thread loader = new Thread(TokenCounter::shared, "tokenizer-load");
		loader.setDaemon(true);
		loader.start();
	}

	/**
	 * The text's length in UTF-8 bytes, counted no further than just past {@code atMost}:
	 * a token is at least one byte, so this bounds the tokens far more cheaply than
	 * counting them.
	 */
	public static long utf8Length(String text, long atMost) {
		long bytes = 0;
		for (int i = 0; i < text.length() && bytes <= atMost; i++) {
			char c = text.charAt(i);
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

	/**
	 * Returns the number of tokens in {@code text}; special-token markers such as
	 * {@code <|endoftext|>} count as ordinary text because article text must never be
	 * read as model control tokens.
	 */
	public int count(String text) {
		Objects.requireNonNull(text, "text");
		return text.isEmpty() ? 0 : this.encoding.countTokensOrdinary(text);
	}

	// Loading the 200k-entry vocabulary takes a noticeable moment, so the JVM's lazy
	// class initialisation does it once.
	private static final class Holder {

		private static final TokenCounter INSTANCE = new TokenCounter(
				Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));

	}

}
