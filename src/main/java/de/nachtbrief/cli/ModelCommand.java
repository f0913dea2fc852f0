package de.nachtbrief.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import de.nachtbrief.SelfCommand;
import de.nachtbrief.brief.BriefRehearsal;
import de.nachtbrief.brief.BriefSet;
import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendProperties.CatalogEntry;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.local.GgufHeader;
import de.nachtbrief.llm.local.LocalModelBench;
import de.nachtbrief.llm.local.LocalModelException;
import de.nachtbrief.models.DownloadProgressBar;
import de.nachtbrief.models.ModelDownloadException;
import de.nachtbrief.models.ModelDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief model}: the model files of the in-process {@code local} backend:
 * download one from the catalog, list what is there, and measure one on this machine.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
		description = "Model files for the in-process 'local' backend: pull, list, bench.",
		subcommands = { ModelCommand.Pull.class, ModelCommand.ListModels.class, ModelCommand.Bench.class })
class ModelCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Option(names = "--models", paramLabel = "DIR",
			description = "Folder of model files. Default: nachtbrief.models.folder (models).")
	Path folder;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	/** The deployment's settings, read as a run reads them, without starting a job. */
	BackendProperties settings() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(this.folder == null ? new String[0] : new String[] { "--nachtbrief.models.folder=" + this.folder })) {
			return context.getBean(BackendProperties.class);
		}
	}

	/** Only the configuration properties, so reading them opens no database. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BackendProperties.class)
	static class Settings {

	}

	@Command(name = "pull", mixinStandardHelpOptions = true,
			description = "Download a model from the catalog (default: the first, recommended one) into the models"
					+ " folder, resuming a broken download and checking its SHA-256.")
	static class Pull implements Callable<Integer> {

		@ParentCommand
		ModelCommand parent;

		@Spec
		CommandSpec spec;

		@Parameters(arity = "0..1", paramLabel = "NAME", description = "A name from 'model list'.")
		String name;

		@Option(names = "--url", paramLabel = "URL",
				description = "Download this GGUF file instead of a catalog entry.")
		URI url;

		@Option(names = "--sha256", paramLabel = "HEX", description = "The SHA-256 the file from --url must have.")
		String sha256;

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			BackendProperties.Models models = this.parent.settings().models();
			CatalogEntry entry;
			if (this.url != null) {
				String file = Path.of(this.url.getPath()).getFileName().toString();
				try {
					entry = new CatalogEntry(null, file, this.url.toString(), this.sha256, -1, null);
				}
				catch (IllegalArgumentException ex) {
					err.println("nachtbrief: " + ex.getMessage());
					return ExitCodes.BAD_INPUT;
				}
			}
			else {
				Optional<Map.Entry<String, CatalogEntry>> chosen = this.name == null
						? models.catalog().entrySet().stream().findFirst()
						: Optional.ofNullable(models.catalog().get(this.name)).map((e) -> Map.entry(this.name, e));
				if (chosen.isEmpty()) {
					err.println("nachtbrief: no model named '" + this.name + "' in the catalog; known are "
							+ models.catalog().keySet() + " (see " + SelfCommand.line("model list") + ")");
					return ExitCodes.BAD_INPUT;
				}
				entry = chosen.get().getValue();
			}
			URI from = entry.url(models.hub());
			Path target = models.folder().resolve(entry.file());
			out.println("Downloading " + entry.file() + " from " + from);
			out.flush();
			try {
				new ModelDownloader(ModelDownloader.httpClient(),
						new DownloadProgressBar(out, System.console() != null))
					.download(from, target, entry.sha256(), entry.size());
			}
			catch (ModelDownloadException ex) {
				out.flush();
				err.println("nachtbrief: " + ex.getMessage());
				return ExitCodes.RUN_FAILED;
			}
			out.println("Saved " + target + (entry.sha256() != null ? " (SHA-256 checked)" : " (no SHA-256 to check)")
					+ ". 'run' uses it when no remote backend has a key; or pick it with --backend local.");
			return ExitCodes.OK;
		}

	}

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Show the model files present and the models the catalog can download.")
	static class ListModels implements Callable<Integer> {

		@ParentCommand
		ModelCommand parent;

		@Spec
		CommandSpec spec;

		@Override
		public Integer call() throws IOException {
			PrintWriter out = this.spec.commandLine().getOut();
			BackendProperties settings = this.parent.settings();
			BackendProperties.Models models = settings.models();
			List<Path> present = Files.isDirectory(models.folder()) ? gguf(models.folder()) : List.of();
			out.println("Model files in " + models.folder().toAbsolutePath() + ":");
			if (present.isEmpty()) {
				out.println("  none");
			}
			for (Path file : present) {
				out.printf("  %-44s %8s  %s%n", file.getFileName(), megabytes(Files.size(file)), describe(file));
			}
			out.println();
			out.println("Catalog (" + SelfCommand.line("model pull NAME") + "; the first is the default):");
			for (Map.Entry<String, CatalogEntry> entry : models.catalog().entrySet()) {
				CatalogEntry model = entry.getValue();
				boolean there = Files.isRegularFile(models.folder().resolve(model.file()));
				out.printf("  %-14s %-44s %8s  %s%n", entry.getKey(), model.file(),
						model.size() > 0 ? megabytes(model.size()) : "?", there ? "present" : "");
				if (model.description() != null) {
					out.println("                 " + model.description());
				}
			}
			settings.backends()
				.entrySet()
				.stream()
				.filter((backend) -> backend.getValue().isLocal())
				.forEach((backend) -> out
					.println("\nBackend '" + backend.getKey() + "' uses " + models.file(backend.getValue().model())
							+ " (context window " + backend.getValue().contextWindow() + " tokens)."));
			return ExitCodes.OK;
		}

		private static String describe(Path file) {
			try {
				GgufHeader header = GgufHeader.read(file);
				return header.architecture() + ", " + parameters(header.parameterCount())
						+ " parameters, trained context " + header.contextLength()
						+ (header.bytesNeeded() > 0 && header.bytesNeeded() > Files.size(file) ? ", CUT OFF" : "");
			}
			catch (LocalModelException | IOException ex) {
				return "not usable: " + ex.getMessage();
			}
		}

	}

	@Command(name = "bench", mixinStandardHelpOptions = true,
			description = "Measure a model on this machine: prompt processing and generation in tokens per second,"
					+ " as llama-bench does (pp512, tg128).")
	static class Bench implements Callable<Integer> {

		@ParentCommand
		ModelCommand parent;

		@Spec
		CommandSpec spec;

		@Parameters(arity = "0..1", paramLabel = "FILE",
				description = "A GGUF file; default: the 'local' backend's model.")
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
			BackendProperties settings = this.parent.settings();
			Optional<BackendProperties.Backend> local = settings.backends()
				.values()
				.stream()
				.filter(BackendProperties.Backend::isLocal)
				.findFirst();
			Path model = this.file != null ? this.file
					: settings.models().file(local.map(BackendProperties.Backend::model).orElse("model.gguf"));
			int cores = this.threads > 0 ? this.threads
					: local.map(BackendProperties.Backend::threads).filter((t) -> t > 0).orElse(0);
			String article = sampleArticle();
			ExtractedDocument document = new ExtractedDocument(article, "Warnstreik", null, null, "text/plain", "de",
					false);
			List<BriefRehearsal.Call> calls = BriefRehearsal.calls(document, new JobDefinition.Shape(5, 4),
					List.of(Language.EN, Language.ZH),
					local.map(BackendProperties.Backend::contextWindow).orElse(8192));
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
			out.printf("machine   %d cores available, %d threads used%n", Runtime.getRuntime().availableProcessors(),
					used);
			out.printf("load      %.1f s%n", result.loadSeconds());
			out.printf("pp%-7d %.1f tokens/s (prompt processing)%n", result.promptTokens(),
					result.promptTokensPerSecond());
			out.printf("tg%-7d %.1f tokens/s (generation)%n", result.generatedTokens(),
					result.generatedTokensPerSecond());
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
				briefs.briefs()
					.forEach((language, brief) -> out.printf("  %-3s %s%n", language, brief.brief().headline()));
			}
		}

		private static String sampleArticle() throws IOException {
			try (InputStream in = Bench.class.getResourceAsStream("/bench/artikel.txt")) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}

	}

	private static List<Path> gguf(Path folder) throws IOException {
		try (var files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().toLowerCase().endsWith(".gguf"))
				.sorted()
				.toList();
		}
	}

	/** 1.5 B, 494 M: how model sizes are spoken of. */
	private static String parameters(long count) {
		return count >= 1_000_000_000 ? "%.1f B".formatted(count / 1e9) : "%.1f M".formatted(count / 1e6);
	}

	private static String megabytes(long bytes) {
		return "%,d MB".formatted(bytes / 1_000_000);
	}

}
