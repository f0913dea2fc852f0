package de.nachtbrief.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import de.nachtbrief.SelfCommand;
import de.nachtbrief.llm.local.LocalChatModel;
import de.nachtbrief.llm.local.LocalModelException;
import de.nachtbrief.llm.local.LocalModels;

/**
 * Which model file a {@code local} backend uses, whether it is usable, and what to do
 * when it is not: its own file in the models folder or, when that is absent and the
 * folder holds exactly one GGUF file, that one, since someone who put one model there
 * means it to be used.
 */
final class LocalModelFiles {

	private final BackendProperties.Models models;

	LocalModelFiles(BackendProperties.Models models) {
		this.models = models;
	}

	/** A local backend with the model file it will use; other backends as they are. */
	BackendProperties.Backend withModelPresent(BackendProperties.Backend backend) {
		if (!backend.isLocal() || Files.isRegularFile(this.models.file(backend.model()))) {
			return backend;
		}
		List<Path> present = present();
		return present.size() == 1 ? backend.with(null, present.get(0).getFileName().toString()) : backend;
	}

	Path file(BackendProperties.Backend local) {
		return this.models.file(local.model());
	}

	/** The GGUF files in the models folder, by name. */
	List<Path> present() {
		Path folder = this.models.folder();
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gguf"))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The preflight of a local backend: its model file is there and looks usable. */
	void check(String name, BackendProperties.Backend local) {
		try {
			LocalModels.checkedFile(file(local));
		}
		catch (LocalModelException ex) {
			throw unavailable(name, local, ex);
		}
	}

	LocalChatModel open(String name, BackendProperties.Backend local) {
		try {
			return LocalModels.open(file(local), local.contextWindow(), local.threads(), local.timeout(),
					local.temperature());
		}
		catch (LocalModelException ex) {
			throw unavailable(name, local, ex);
		}
	}

	private BackendUnavailableException unavailable(String name, BackendProperties.Backend local,
			LocalModelException problem) {
		String fix = problem.isAboutTheFile() ? "; " + fix(file(local)) : "";
		return new BackendUnavailableException("backend '" + name + "': " + problem.getMessage() + fix, problem);
	}

	/**
	 * The command that gets a missing or damaged model file, or how to pick one that is
	 * there.
	 */
	private String fix(Path file) {
		Optional<String> pullable = this.models.catalogName(file.getFileName().toString());
		String into = this.models.folder().equals(Path.of("models")) ? "" : " --models " + this.models.folder();
		if (Files.exists(file)) {
			return pullable.map((name) -> "download it again with: " + SelfCommand.line("model pull " + name + into))
				.orElse("replace it with a GGUF file that works");
		}
		List<String> present = present().stream().map((path) -> path.getFileName().toString()).toList();
		String use = present.isEmpty() ? ""
				: ". Model files present: " + String.join(", ", present) + "; use one with --model FILE.";
		return pullable.map((name) -> "download it with: " + SelfCommand.line("model pull " + name + into))
			.orElse("put the GGUF file there, or see what can be downloaded with: "
					+ SelfCommand.line("model list" + into))
				+ use;
	}

}
