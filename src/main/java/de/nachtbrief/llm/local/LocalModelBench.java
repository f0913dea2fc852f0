package de.nachtbrief.llm.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Measures a model file on this machine the way llama.cpp's {@code llama-bench} does:
 * prompt processing over a prompt of a given length, then generation of a given number of
 * tokens, each timed on its own, with no prompt reused from an earlier call.
 */
public final class LocalModelBench {

	private LocalModelBench() {
	}

	/**
	 * @param text German text the prompt is cut from, repeated as needed
	 * @param promptTokens length of the prompt whose processing is timed
	 * @param generatedTokens tokens generated from a short prompt
	 * @param counted texts whose tokens to count with the model's tokenizer
	 */
	public static Result measure(Path file, int threads, String text, int promptTokens, int generatedTokens,
			List<String> counted) {
		long started = System.nanoTime();
		try (LocalChatModel model = LocalModels.open(file, promptTokens + generatedTokens + 64, threads,
				Duration.ofHours(1), 0.2)) {
			long loadNanos = System.nanoTime() - started;
			String prompt = prefixOf(model, text, promptTokens);
			// A first call warms caches and threads, as llama-bench's warm-up run does.
			model.time(prefixOf(model, text, 16), 2);
			LocalChatModel.Timing reading = model.time(prompt, 1);
			LocalChatModel.Timing writing = model.time(prefixOf(model, text, 16), generatedTokens);
			List<Integer> counts = counted.stream().map(model::countTokens).toList();
			return new Result(file, sizeOf(file), loadNanos / 1e9, reading.promptTokens(),
					reading.promptTokensPerSecond(), writing.generatedPieces(), writing.generatedTokensPerSecond(),
					counts);
		}
	}

	/** The longest start of the repeated text that has at most the given tokens. */
	private static String prefixOf(LocalChatModel model, String text, int tokens) {
		StringBuilder repeated = new StringBuilder(text);
		while (model.countTokens(repeated.toString()) < tokens) {
			repeated.append("\n\n").append(text);
		}
		String words = repeated.toString();
		int low = 0;
		int high = words.length();
		while (low < high) {
			int middle = (low + high + 1) / 2;
			if (model.countTokens(words.substring(0, middle)) <= tokens) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return words.substring(0, low);
	}

	private static long sizeOf(Path file) {
		try {
			return Files.size(file);
		}
		catch (java.io.IOException ex) {
			return -1;
		}
	}

	/** What was measured: load time, prompt processing and generation speed. */
	public record Result(Path file, long bytes, double loadSeconds, int promptTokens, double promptTokensPerSecond,
			int generatedTokens, double generatedTokensPerSecond, List<Integer> counts) {

		/** The time it takes at these rates to read and write the given tokens. */
		public double secondsFor(long readTokens, long writtenTokens) {
			return readTokens / this.promptTokensPerSecond + writtenTokens / this.generatedTokensPerSecond;
		}

	}

}
