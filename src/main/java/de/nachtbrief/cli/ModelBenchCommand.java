package de.nachtbrief.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import de.nachtbrief.llm.ModelAnswerException;
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

	/** The brief a run makes by default: five key points, four sentences, en and zh. */
	private static final JobDefinition.Shape SHAPE = new JobDefinition.Shape(5, 4, null);

	private static final List<Language> LANGUAGES = List.of(Language.EN, Language.ZH);

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
		Optional<Map.Entry<String, BackendProperties.Backend>> local = settings.backends()
			.entrySet()
			.stream()
			.filter((backend) -> backend.getValue().isLocal())
			.findFirst();
		int contextWindow = local.map((backend) -> backend.getValue().contextWindow()).orElse(8192);
		int cores = this.threads > 0 ? this.threads : local.map((backend) -> backend.getValue().threads()).orElse(0);
		try (BackendRegistry registry = new BackendRegistry(settings, new SimpleMeterRegistry())) {
			Path model = this.file != null ? this.file : local.map((backend) -> registry.modelFile(backend.getValue()))
				.orElse(settings.models().file("model.gguf"));
			String article = sampleArticle();
			ExtractedDocument document = new ExtractedDocument(article, "Warnstreik", null, null, "text/plain", "de",
					false);
			List<BriefRehearsal.Call> calls = BriefRehearsal.calls(document, SHAPE, LANGUAGES, contextWindow);
			out.println("Measuring " + model + " ...");
			out.flush();
			LocalModelBench.Result result;
			try {
				result = LocalModelBench.measure(model, contextWindow, cores, article, this.promptTokens, this.generate,
						calls.stream().map(BriefRehearsal.Call::prompt).toList(),
						calls.stream().map(BriefRehearsal.Call::answer).toList());
			}
			catch (LocalModelException ex) {
				this.spec.commandLine().getErr().println("nachtbrief: " + ex.getMessage());
				return ExitCodes.RUN_FAILED;
			}
			int used = cores > 0 ? cores : Runtime.getRuntime().availableProcessors();
			out.printf("model     %s, %s%n", result.file().getFileName(), ModelSettings.megabytes(result.bytes()));
			out.printf("machine   %d cores available, %d threads used%n", Runtime.getRuntime().availableProcessors(),
					used);
			out.printf("load      %.1f s%n", result.loadSeconds());
			out.printf("pp%-7d %.1f tokens/s (prompt processing)%n", result.promptTokens(),
					result.promptTokensPerSecond());
			out.printf("tg%-7d %.1f tokens/s (generation)%n", result.generatedTokens(),
					result.generatedTokensPerSecond());
			// The answers are the extractive brief's, about as long as a model's.
			out.printf(
					"brief     about %.0f s for the %d-word sample article in English and Chinese: %s read"
							+ " %,d tokens and write about %,d%n",
					result.secondsFor(result.readTokens(), result.writtenTokens()), article.split("\\s+").length,
					calls(calls.size()), result.readTokens(), result.writtenTokens());
			if (this.brief && local.isPresent()) {
				// The same backend a run would use, on the model already loaded above.
				ModelBackend backend = registry.resolve(local.get().getKey(), null, model.toAbsolutePath().toString())
					.model();
				long started = System.nanoTime();
				BriefSet briefs;
				try {
					briefs = new ModelBriefer(backend, backend).brief(document, SHAPE, LANGUAGES);
				}
				catch (ModelAnswerException ex) {
					out.printf("brief     failed after %.0f s: %s%n", (System.nanoTime() - started) / 1e9,
							ex.getMessage());
					return ExitCodes.RUN_FAILED;
				}
				out.printf("brief     measured %.0f s: %s read %,d tokens and wrote %,d%n",
						(System.nanoTime() - started) / 1e9, calls(briefs.usage().calls()),
						briefs.usage().inputTokens(), briefs.usage().outputTokens());
				briefs.briefs()
					.forEach((language, brief) -> out.printf("  %-3s %s%n", language, brief.brief().headline()));
			}
			return ExitCodes.OK;
		}
	}

	private static String sampleArticle() throws IOException {
		try (InputStream in = ModelBenchCommand.class.getResourceAsStream("/bench/artikel.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String calls(int count) {
		return count + (count == 1 ? " call" : " calls");
	}

}
