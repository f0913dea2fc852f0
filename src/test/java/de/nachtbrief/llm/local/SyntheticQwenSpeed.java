package de.nachtbrief.llm.local;

import java.nio.file.Files;
import java.nio.file.Path;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;

/**
 * Measures load, prompt and generation speed of the synthetic Qwen2.5 files at two
 * threads, to estimate what the real models would do on this machine. Arguments: shape
 * names (default all), written one at a time to the temp directory and deleted after.
 */
public final class SyntheticQwenSpeed {

	private static final int PROMPT_TOKENS = 512;

	private static final int GENERATED = 64;

	private SyntheticQwenSpeed() {
	}

	public static void main(String[] args) throws Exception {
		String[] shapes = (args.length > 0) ? args
				: java.util.Arrays.stream(SyntheticQwenGguf.Shape.values()).map(Enum::name).toArray(String[]::new);
		for (String name : shapes) {
			measure(SyntheticQwenGguf.Shape.valueOf(name));
		}
		// The binding leaves threads behind that keep the JVM alive.
		System.exit(0);
	}

	private static void measure(SyntheticQwenGguf.Shape shape) throws Exception {
		Path file = Files.createTempFile("synthetic-" + shape.name(), ".gguf");
		try {
			long start = System.nanoTime();
			SyntheticQwenGguf.write(shape, file);
			long written = System.nanoTime();
			long size = Files.size(file);
			System.out.printf("%s: %,d bytes (real %,d, %+.1f %%), written in %.1f s%n", shape, size, shape.realBytes,
					100.0 * (size - shape.realBytes) / shape.realBytes, seconds(written - start));
			long loading = System.nanoTime();
			try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString())
				.setCtxSize(2048)
				.setThreads(2)
				.enableJinja()
				.disableLog())) {
				System.out.printf("  loaded in %.1f s%n", seconds(System.nanoTime() - loading));
				String prompt = prompt(model);
				for (int run = 1; run <= 2; run++) {
					long begin = System.nanoTime();
					long first = 0;
					int chunks = 0;
					for (LlamaOutput output : model.generate(new InferenceParameters(prompt).setNPredict(GENERATED)
						.setIgnoreEos(true)
						.setCachePrompt(false))) {
						if (chunks++ == 0) {
							first = System.nanoTime();
						}
					}
					long end = System.nanoTime();
					double toFirst = seconds(first - begin);
					double rate = (chunks - 1) / seconds(end - first);
					System.out.printf(
							"  run %d: %d-token prompt, first chunk after %.2f s (~%.0f prompt tokens/s); "
									+ "%d chunks, %.1f chunks/s after the first%n",
							run, PROMPT_TOKENS, toFirst, PROMPT_TOKENS / (toFirst - 1 / rate), chunks, rate);
				}
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/** A prompt of exactly {@link #PROMPT_TOKENS} tokens of this vocabulary. */
	private static String prompt(LlamaModel model) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (model.encode(text.toString()).length < PROMPT_TOKENS) {
			text.append(TinyGguf.WORDS.get(i++ % TinyGguf.WORDS.size())).append(' ');
		}
		while (model.encode(text.toString()).length > PROMPT_TOKENS) {
			text.setLength(text.length() - 1);
		}
		System.out.printf("  prompt of %d tokens%n", model.encode(text.toString()).length);
		return text.toString();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

}
