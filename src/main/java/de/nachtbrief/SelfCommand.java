package de.nachtbrief;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to start this program again from where the user stands, for messages that tell the
 * exact command to run: {@code java -jar} with the jar's path, relative when it is below
 * the working folder.
 */
public final class SelfCommand {

	/** Where the README's build puts the jar; used when not started from a jar. */
	private static final String BUILT_JAR = "target/nachtbrief.jar";

	private SelfCommand() {
	}

	/** The full command line for the given arguments. */
	public static String line(String arguments) {
		return "java -jar " + jar() + " " + arguments;
	}

	private static String jar() {
		try {
			String location = SelfCommand.class.getProtectionDomain().getCodeSource().getLocation().toString();
			// Spring Boot's nested jars:
			// jar:nested:/path/nachtbrief.jar/!BOOT-INF/classes/!/
			int end = location.indexOf(".jar");
			if (end < 0) {
				return BUILT_JAR;
			}
			String path = location.substring(0, end + 4).replaceFirst("^jar:", "").replaceFirst("^nested:", "file:");
			Path jar = Path.of(new java.net.URI(path));
			Path here = Path.of("").toAbsolutePath();
			if (!Files.isRegularFile(jar)) {
				return BUILT_JAR;
			}
			return jar.startsWith(here) ? here.relativize(jar).toString() : jar.toString();
		}
		catch (URISyntaxException | IllegalArgumentException | SecurityException | NullPointerException ex) {
			return BUILT_JAR;
		}
	}

}
