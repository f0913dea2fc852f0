package de.nachtbrief.llm.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;

/**
 * Measures a model file on this machine the way llama.cpp's {@code llama-bench} does:
 * prompt processing over a prompt of a given length, then generation of a given number of
 * tokens, each timed on its own, with no prompt reused from an earlier call.
 */
public final class LocalModelBench {

	private LocalModelBench() {
	}

	/**
	 * @param contextWindow the context llama.cpp allocates, as the backend would
	 * @param text German text the prompt is cut from, repeated as needed
	 * @param promptTokens length of the prompt whose processing is timed
	 * @param generatedTokens tokens generated from a short prompt
	 * @param read texts a brief's calls read, counted with the model's tokenizer
	 * @param written texts they write, counted likewise
	 */
	public static Result measure(Path file, int contextWindow, int threads, String text, int promptTokens,
			int generatedTokens, List<String> read, List<String> written) {
		long started = System.nanoTime();
		try (LocalChatModel model = LocalModels.open(file, contextWindow, threads, Duration.ofHours(1), 0.2)) {
			long loadNanos = System.nanoTime() - started;
			String prompt = prefixOf(model, text, promptTokens);
			// A first call warms caches and threads, as llama-bench's warm-up run does.
			time(model, prefixOf(model, text, 16), 2);
			Timing reading = time(model, prompt, 1);
			Timing writing = time(model, prefixOf(model, text, 16), generatedTokens);
			return new Result(file, sizeOf(file), loadNanos / 1e9, reading.promptTokens(),
					reading.promptTokensPerSecond(), writing.generatedPieces(), writing.generatedTokensPerSecond(),
					tokens(model, read), tokens(model, written));
		}
	}

	private static long tokens(LocalChatModel model, List<String> texts) {
		return texts.stream().mapToLong(model::countTokens).sum();
	}

	/**
	 * Times one generation from a raw prompt on the model's own thread, with nothing
	 * reused from earlier calls: the time to the first piece is the prompt's processing,
	 * the rest generation.
	 */
	private static Timing time(LocalChatModel model, String prompt, int maxTokens) {
		try {
			return model.loaded().submit(() -> {
				InferenceParameters inference = new InferenceParameters(prompt).setNPredict(maxTokens)
					.setCachePrompt(false)
					.setIgnoreEos(true)
					.setSeed(LocalChatModel.SEED);
				long started = System.nanoTime();
				long first = 0;
				int pieces = 0;
				for (LlamaOutput piece : model.loaded().model().generate(inference)) {
					if (!piece.text.isEmpty() && pieces++ == 0) {
						first = System.nanoTime();
					}
				}
				return new Timing(model.countTokens(prompt), pieces, first - started, System.nanoTime() - first);
			}).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalModelException("interrupted while timing " + model.file().getFileName(), ex, false);
		}
		catch (ExecutionException ex) {
			throw new LocalModelException(
					"llama.cpp failed while timing " + model.file().getFileName() + ": " + ex.getCause(), ex.getCause(),
					false);
		}
	}

	/** How long a prompt took to read, and the pieces after the first to write. */
	private record Timing(int promptTokens, int generatedPieces, long promptNanos, long generationNanos) {

		double promptTokensPerSecond() {
			return this.promptTokens / (this.promptNanos / 1e9);
		}

		double generatedTokensPerSecond() {
			return (this.generatedPieces - 1) / (this.generationNanos / 1e9);
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
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * What was measured: load time, prompt processing and generation speed, and the
	 * tokens of the texts given to count.
	 */
	public record Result(Path file, long bytes, double loadSeconds, int promptTokens, double promptTokensPerSecond,
			int generatedTokens, double generatedTokensPerSecond, long readTokens, long writtenTokens) {

		/** The time it takes at these rates to read and write the given tokens. */
		public double secondsFor(long read, long written) {
			return read / this.promptTokensPerSecond + written / this.generatedTokensPerSecond;
		}

	}

}
