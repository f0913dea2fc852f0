package de.nachtbrief.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import de.nachtbrief.brief.BriefRehearsal;
import de.nachtbrief.brief.BriefSet;
import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.local.LocalModelBench;
import de.nachtbrief.llm.local.LocalModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief model bench}: a model's speed on this machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Measure a model on this machine: prompt processing and generation in tokens per second,"
				+ " as llama-bench does (pp512, tg128).")
class ModelBenchCommand implements Callable<Integer> {

	@Mixin
	ModelSettings options;

	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..1", paramLabel = "FILE", description = "A GGUF file; default: the 'local' backend's model.")
	Path file;

	@Option(names = "--threads", paramLabel = "N", defaultValue = "0",
			description = "CPU threads; 0: the local backend's setting, else one per core.")
	int threads;

	@Option(names = "--brief",
			description = "Also brief the sample article in English and Chinese with the model, and time it.")
	boolean brief;

	@Option(names = "--prompt-tokens", paramLabel = "N", defaultValue = "512",
			description = "Prompt length for prompt processing. Default: ${DEFAULT-VALUE}.")
	int promptTokens;

	@Option(names = "--generate", paramLabel = "N", defaultValue = "128",
			description = "Tokens to generate. Default: ${DEFAULT-VALUE}.")
	int generate;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		BackendProperties settings = this.options.read();
		Optional<BackendProperties.Backend> local = settings.backends()
			.values()
			.stream()
			.filter(BackendProperties.Backend::isLocal)
			.findFirst();
		Path model = this.file != null ? this.file
				: local.map(new BackendRegistry(settings, new SimpleMeterRegistry())::modelFile)
					.orElse(settings.models().file("model.gguf"));
		int cores = this.threads > 0 ? this.threads
				: local.map(BackendProperties.Backend::threads).filter((t) -> t > 0).orElse(0);
		String article = sampleArticle();
		ExtractedDocument document = new ExtractedDocument(article, "Warnstreik", null, null, "text/plain", "de",
				false);
		List<BriefRehearsal.Call> calls = BriefRehearsal.calls(document, new JobDefinition.Shape(5, 4),
				List.of(Language.EN, Language.ZH), local.map(BackendProperties.Backend::contextWindow).orElse(8192));
		List<String> counted = new ArrayList<>();
		calls.forEach((call) -> {
			counted.add(call.prompt());
			counted.add(call.answer());
		});
		out.println("Measuring " + model + " ...");
		out.flush();
		LocalModelBench.Result result;
		try {
			result = LocalModelBench.measure(model, cores, article, this.promptTokens, this.generate, counted);
		}
		catch (LocalModelException ex) {
			this.spec.commandLine().getErr().println("nachtbrief: " + ex.getMessage());
			return ExitCodes.RUN_FAILED;
		}
		long read = 0;
		long written = 0;
		for (int i = 0; i < result.counts().size(); i += 2) {
			read += result.counts().get(i);
			written += result.counts().get(i + 1);
		}
		int used = cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
		out.printf("model     %s, %s%n", result.file().getFileName(), megabytes(result.bytes()));
		out.printf("machine   %d cores available, %d threads used%n", Runtime.getRuntime().availableProcessors(), used);
		out.printf("load      %.1f s%n", result.loadSeconds());
		out.printf("pp%-7d %.1f tokens/s (prompt processing)%n", result.promptTokens(), result.promptTokensPerSecond());
		out.printf("tg%-7d %.1f tokens/s (generation)%n", result.generatedTokens(), result.generatedTokensPerSecond());
		// The answers are the extractive brief's, about as long as a model's.
		out.printf(
				"brief     about %.0f s for the %d-word sample article in English and Chinese: %d calls read"
						+ " %,d tokens and write about %,d%n",
				result.secondsFor(read, written), article.split("\\s+").length, calls.size(), read, written);
		if (this.brief) {
			briefTheSample(out, settings, model, document);
		}
		return ExitCodes.OK;
	}

	/** Briefs the sample article through the same backend a run would use, timed. */
	private static void briefTheSample(PrintWriter out, BackendProperties settings, Path model,
			ExtractedDocument document) {
		String local = settings.backends()
			.entrySet()
			.stream()
			.filter((backend) -> backend.getValue().isLocal())
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no backend of type local is configured"));
		try (BackendRegistry registry = new BackendRegistry(settings, new SimpleMeterRegistry())) {
			ModelBackend backend = registry.resolve(local, null, model.toAbsolutePath().toString()).model();
			long started = System.nanoTime();
			BriefSet briefs = new ModelBriefer(backend, backend).brief(document, new JobDefinition.Shape(5, 4),
					List.of(Language.EN, Language.ZH));
			out.printf("brief     measured %.0f s: %d calls read %,d tokens and wrote %,d%n",
					(System.nanoTime() - started) / 1e9, briefs.usage().calls(), briefs.usage().inputTokens(),
					briefs.usage().outputTokens());
			briefs.briefs().forEach((language, brief) -> out.printf("  %-3s %s%n", language, brief.brief().headline()));
		}
	}

	private static String sampleArticle() throws IOException {
		try (InputStream in = ModelBenchCommand.class.getResourceAsStream("/bench/artikel.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String megabytes(long bytes) {
		return "%,d MB".formatted(bytes / 1_000_000);
	}

}
