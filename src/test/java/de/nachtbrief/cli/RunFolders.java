package de.nachtbrief.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders a run from the command line uses, inside a test's temporary directory:
 * {@code input/}, {@code jobs/} and {@code output/}.
 */
public record RunFolders(Path root) {

	/** A short German article with a name, an organisation, a place and a figure. */
	public static final String RATHAUS = "Der Stadtrat von Freiburg hat am Dienstag einen Haushalt von 1,2 Milliarden "
			+ "Euro beschlossen. Die Kämmerin Dr. Anna Weber sprach von einem schwierigen Jahr für die Stadt.";

	/** Writes a file into the input folder and returns the folder. */
	public Path input(String file, String text) throws IOException {
		Path input = Files.createDirectories(this.root.resolve("input"));
		Files.writeString(input.resolve(file), text, StandardCharsets.UTF_8);
		return input;
	}

	/** Writes a job file into {@code jobs/} and returns it. */
	public Path job(String file, String yaml) throws IOException {
		return Files.writeString(Files.createDirectories(this.root.resolve("jobs")).resolve(file), yaml);
	}

	public Path output() {
		return this.root.resolve("output");
	}

}
