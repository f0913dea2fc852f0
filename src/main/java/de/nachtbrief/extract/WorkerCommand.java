package de.nachtbrief.extract;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The command line that starts a child JVM running a worker main class: from a plain
 * class path (IDE, Maven, Surefire) as {@code java -cp <class path> <main>}, from the
 * Spring Boot fat jar through Boot's {@code PropertiesLauncher} with
 * {@code -Dloader.main=<main>}, since a fat jar's nested jars are not a class path the
 * JVM understands.
 */
final class WorkerCommand {

	static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	/**
	 * Logs of the child go to stderr at WARN; see {@code nachtbrief-worker-logback.xml}.
	 */
	static final String LOGGING = "nachtbrief-worker-logback.xml";

	private WorkerCommand() {
	}

	static List<String> of(String mainClass, ExtractionOptions options) {
		return of(mainClass, options, System.getProperty("java.class.path"));
	}

	static List<String> of(String mainClass, ExtractionOptions options, String classPath) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + options.maxHeap());
		// Exit code 3 and a clean death beat a child that limps on after an
		// OutOfMemoryError.
		command.add("-XX:+ExitOnOutOfMemoryError");
		// The JVM's own messages (such as the OutOfMemoryError notice) would otherwise
		// land on the protocol.
		command.add("-XX:+DisplayVMOutputToStderr");
		// So would the JVM's logging that JAVA_TOOL_OPTIONS may turn on (-Xlog:gc, a
		// flight recording's notice): it goes to stderr, warnings only.
		command.add("-Xlog:disable");
		command.add("-Xlog:all=warning:stderr");
		command.add("-XX:+UseSerialGC");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Djava.awt.headless=true");
		command.add("-Djdk.xml.maxElementDepth=" + options.maxNestingDepth());
		command.add("-Dlogback.configurationFile=" + LOGGING);
		if (isBootJar(classPath)) {
			command.add("-cp");
			command.add(Path.of(classPath).toAbsolutePath().toString());
			command.add("-Dloader.main=" + mainClass);
			command.add(BOOT_LAUNCHER);
		}
		else {
			command.add("-cp");
			command.add(classPath);
			command.add(mainClass);
		}
		return command;
	}

	/**
	 * A single jar that carries Boot's launcher: the application runs as
	 * {@code java -jar nachtbrief.jar}.
	 */
	static boolean isBootJar(String classPath) {
		if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
			return false;
		}
		Path jar = Path.of(classPath);
		if (!Files.isRegularFile(jar)) {
			return false;
		}
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getEntry(BOOT_LAUNCHER.replace('.', '/') + ".class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
