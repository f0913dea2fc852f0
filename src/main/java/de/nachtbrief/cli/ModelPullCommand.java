package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import de.nachtbrief.SelfCommand;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendProperties.CatalogEntry;
import de.nachtbrief.models.DownloadProgressBar;
import de.nachtbrief.models.ModelDownloadException;
import de.nachtbrief.models.ModelDownloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief model pull}: downloads a model file for the local backend.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
		description = "Download a model from the catalog (default: the first, recommended one) into the models"
				+ " folder, resuming a broken download and checking its SHA-256.")
class ModelPullCommand implements Callable<Integer> {

	@Mixin
	ModelSettings options;

	@Spec
	CommandSpec spec;

	@Parameters(arity = "0..1", paramLabel = "NAME", description = "A name from 'model list'.")
	String name;

	@Option(names = "--url", paramLabel = "URL", description = "Download this GGUF file instead of a catalog entry.")
	URI url;

	@Option(names = "--sha256", paramLabel = "HEX", description = "The SHA-256 the file from --url must have.")
	String sha256;

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		BackendProperties.Models models = this.options.read().models();
		CatalogEntry entry;
		if (this.url != null) {
			String scheme = this.url.getScheme() == null ? "" : this.url.getScheme().toLowerCase(Locale.ROOT);
			Path path = this.url.getPath() == null ? null : Path.of(this.url.getPath()).getFileName();
			if (!scheme.equals("http") && !scheme.equals("https") || path == null) {
				err.println("nachtbrief: --url must be an http or https address of a file, such as"
						+ " https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf;"
						+ " was " + this.url);
				return ExitCodes.BAD_INPUT;
			}
			String hash = this.sha256 == null ? null : this.sha256.strip().toLowerCase(Locale.ROOT);
			try {
				entry = new CatalogEntry(null, path.toString(), this.url.toString(), hash, -1, null);
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
			new ModelDownloader(ModelDownloader.httpClient(), new DownloadProgressBar(out, System.console() != null))
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
