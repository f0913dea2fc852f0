package de.nachtbrief.llm.local;

import java.nio.file.Files;
import java.nio.file.Path;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The synthetic Qwen2.5 0.5B file is about as large as the real one and llama.cpp loads
 * and runs it, so speeds measured with it mean something. It writes half a gigabyte, so
 * it runs only with {@code -Dnachtbrief.synthetic=true}.
 */
@EnabledIfSystemProperty(named = "nachtbrief.synthetic", matches = "true")
class SyntheticQwenGgufTests {

	@TempDir
	Path directory;

	@Test
	void halfBillionModelIsAsLargeAsTheRealOneAndGenerates() throws Exception {
		SyntheticQwenGguf.Shape shape = SyntheticQwenGguf.Shape.QWEN2_5_0_5B;
		Path file = SyntheticQwenGguf.write(shape, this.directory.resolve("synthetic.gguf"));
		try {
			long size = Files.size(file);
			System.out.printf("synthetic %,d bytes, real %s %,d bytes%n", size, shape.realFileName, shape.realBytes);
			assertThat((double) size).isCloseTo(shape.realBytes, org.assertj.core.data.Percentage.withPercentage(5));
			try (LlamaModel model = new LlamaModel(new ModelParameters().setModel(file.toString())
				.setCtxSize(512)
				.setThreads(2)
				.enableJinja()
				.disableLog())) {
				int chunks = 0;
				StringBuilder text = new StringBuilder();
				for (LlamaOutput output : model
					.generate(new InferenceParameters("<|im_start|>user\nab ba<|im_end|>\n").setNPredict(4)
						.setIgnoreEos(true)
						.setCachePrompt(false))) {
					chunks++;
					text.append(output.text);
				}
				assertThat(chunks >= 4 || !text.isEmpty()).as("chunks %d, text '%s'", chunks, text).isTrue();
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

}
