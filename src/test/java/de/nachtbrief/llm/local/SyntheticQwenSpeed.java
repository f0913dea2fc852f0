package de.nachtbrief.llm.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.nachtbrief.brief.BriefRehearsal;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.text.TokenCounter;

/**
 * The speed of the recommended models on this machine, measured side by side in one run
 * with {@code model bench}'s measurement on synthetic files of their exact shapes and
 * quantisation (see {@link SyntheticQwenGguf}), since the real files cannot be downloaded
 * here. The time for one brief is estimated from the measured speeds and the tokens the
 * calls of a brief of the sample article read and write, counted with o200k_base, since
 * the synthetic files do not carry Qwen's tokenizer. Arguments: shape names (default
 * all). Each file is written to a temp folder and deleted after.
 *
 * <pre>
 * ./mvnw -B -q -Pbench test-compile exec:exec -Dbench.main=de.nachtbrief.llm.local.SyntheticQwenSpeed
 * </pre>
 */
public final class SyntheticQwenSpeed {

	private SyntheticQwenSpeed() {
	}

	public static void main(String[] args) throws IOException {
		String article;
		try (InputStream in = SyntheticQwenSpeed.class.getResourceAsStream("/bench/artikel.txt")) {
			article = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		long read = 0;
		long written = 0;
		for (BriefRehearsal.Call call : BriefRehearsal.calls(
				new ExtractedDocument(article, "Warnstreik", null, null, "text/plain", "de", false),
				new JobDefinition.Shape(5, 4, null), List.of(Language.EN, Language.ZH), 8192)) {
			read += TokenCounter.shared().count(call.prompt());
			written += TokenCounter.shared().count(call.answer());
		}
		System.out.printf(
				"%d cores; one brief of the %d-word sample article in en and zh reads %,d and writes %,d"
						+ " tokens (o200k_base)%n",
				Runtime.getRuntime().availableProcessors(), article.split("\\s+").length, read, written);
		System.out.printf("%-36s %10s %8s %10s %10s %12s%n", "model (synthetic, same shapes)", "size", "load",
				"pp512 t/s", "tg128 t/s", "brief (est.)");
		Path folder = Files.createTempDirectory("synthetic-models");
		try {
			for (String name : args.length > 0 ? List.of(args)
					: List.of("QWEN2_5_0_5B", "QWEN2_5_1_5B", "QWEN2_5_3B")) {
				SyntheticQwenGguf.Shape shape = SyntheticQwenGguf.Shape.valueOf(name);
				Path file = SyntheticQwenGguf.write(shape, folder.resolve(shape.realFileName));
				LocalModelBench.Result result = LocalModelBench.measure(file, 8192, 0, article, 512, 128, List.of(),
						List.of());
				System.out.printf("%-36s %,7d MB %6.1f s %10.1f %10.1f %10.0f s%n", shape.realFileName,
						result.bytes() / 1_000_000, result.loadSeconds(), result.promptTokensPerSecond(),
						result.generatedTokensPerSecond(), result.secondsFor(read, written));
				Files.delete(file);
			}
		}
		finally {
			Files.deleteIfExists(folder);
		}
		// llama.cpp's worker threads outlive the closed models and would keep the JVM up.
		System.exit(0);
	}

}
