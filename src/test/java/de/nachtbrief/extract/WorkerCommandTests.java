package de.nachtbrief.extract;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerCommandTests {

	private static final String MAIN = ExtractionWorkerMain.class.getName();

	private final ExtractionOptions options = ExtractionOptions.defaults().withMaxHeap("768m");

	@Test
	void startsFromAPlainClassPathWithTheMainClass() {
		String classPath = "target/classes" + File.pathSeparator + "lib/tika-core.jar";

		List<String> command = WorkerCommand.of(MAIN, this.options, classPath);

		assertThat(command.get(0)).endsWith("java");
		assertThat(command).contains("-Xmx768m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr",
				"-Djdk.xml.maxElementDepth=1000");
		assertThat(command.subList(command.size() - 3, command.size())).containsExactly("-cp", classPath, MAIN);
	}

	@Test
	void startsFromTheBootJarThroughThePropertiesLauncher(@TempDir Path folder) throws IOException {
		Path jar = folder.resolve("nachtbrief.jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("org/springframework/boot/loader/launch/PropertiesLauncher.class"));
			zip.closeEntry();
		}

		List<String> command = WorkerCommand.of(MAIN, this.options, jar.toString());

		assertThat(command.subList(command.size() - 4, command.size())).containsExactly("-cp",
				jar.toAbsolutePath().toString(), "-Dloader.main=" + MAIN, WorkerCommand.BOOT_LAUNCHER);
	}

	@Test
	void takesAnOrdinaryJarForAPlainClassPath(@TempDir Path folder) throws IOException {
		Path jar = folder.resolve("surefirebooter.jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("META-INF/"));
			zip.closeEntry();
		}

		assertThat(WorkerCommand.isBootJar(jar.toString())).isFalse();
		assertThat(WorkerCommand.of(MAIN, this.options, jar.toString())).endsWith(MAIN);
	}

}
