package de.nachtbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import de.nachtbrief.SelfCommand;
import de.nachtbrief.llm.BackendProperties;
import de.nachtbrief.llm.BackendProperties.CatalogEntry;
import de.nachtbrief.llm.BackendRegistry;
import de.nachtbrief.llm.local.GgufHeader;
import de.nachtbrief.llm.local.LocalModelException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief model list}: the model files present and what the catalog offers.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
		description = "Show the model files present and the models the catalog can download.")
class ModelListCommand implements Callable<Integer> {

	@Mixin
	ModelSettings options;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		BackendProperties settings = this.options.read();
		BackendProperties.Models models = settings.models();
		BackendRegistry registry = new BackendRegistry(settings, new SimpleMeterRegistry());
		List<Path> present = registry.modelFilesPresent();
		out.println("Model files in " + models.folder().toAbsolutePath() + ":");
		if (present.isEmpty()) {
			out.println("  none");
		}
		for (Path file : present) {
			out.printf("  %-44s %8s  %s%n", file.getFileName(), ModelSettings.megabytes(Files.size(file)),
					describe(file));
		}
		out.println();
		out.println("Catalog (" + SelfCommand.line("model pull NAME") + "; the first is the default):");
		for (Map.Entry<String, CatalogEntry> entry : models.catalog().entrySet()) {
			CatalogEntry model = entry.getValue();
			boolean there = Files.isRegularFile(models.folder().resolve(model.file()));
			out.printf("  %-14s %-44s %8s  %s%n", entry.getKey(), model.file(),
					model.size() > 0 ? ModelSettings.megabytes(model.size()) : "?", there ? "present" : "");
			if (model.description() != null) {
				out.println("                 " + model.description());
			}
		}
		settings.backends()
			.entrySet()
			.stream()
			.filter((backend) -> backend.getValue().isLocal())
			.forEach((backend) -> out
				.println("\nBackend '" + backend.getKey() + "' uses " + registry.modelFile(backend.getValue())
						+ " (context window " + backend.getValue().contextWindow() + " tokens)."));
		return ExitCodes.OK;
	}

	private static String describe(Path file) {
		try {
			GgufHeader header = GgufHeader.read(file);
			return header.architecture() + ", " + parameters(header.parameterCount()) + " parameters, trained context "
					+ header.contextLength()
					+ (header.bytesNeeded() > 0 && header.bytesNeeded() > Files.size(file) ? ", CUT OFF" : "");
		}
		catch (LocalModelException | IOException ex) {
			return "not usable: " + ex.getMessage();
		}
	}

	/** 1.5 B, 494 M: how model sizes are spoken of. */
	private static String parameters(long count) {
		return count >= 1_000_000_000 ? "%.1f B".formatted(count / 1e9) : "%.1f M".formatted(count / 1e6);
	}

}
