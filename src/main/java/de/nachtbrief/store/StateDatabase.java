package de.nachtbrief.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a job context keeps its state: by default an H2 file beside the outputs, which
 * one process opens at a time; or whatever {@code spring.datasource.url} names, set in
 * the environment ({@code SPRING_DATASOURCE_URL}), a system property or a
 * {@code config/application.yaml}, such as a PostgreSQL database that several processes
 * share.
 */
public final class StateDatabase {

	private StateDatabase() {
	}

	/** The H2 file's path without its {@code .mv.db} suffix. */
	public static Path embeddedFile(Path outputFolder) {
		return outputFolder.toAbsolutePath().normalize().resolve("state").resolve("nachtbrief");
	}

	/**
	 * The H2 file as default properties: they rank below every other source of
	 * configuration, so a data source configured anywhere else replaces it.
	 * @param options H2 settings appended to the URL, each starting with {@code ;}
	 */
	public static Map<String, Object> embeddedDefault(Path outputFolder, String options) {
		return Map.of("spring.datasource.url", "jdbc:h2:file:" + embeddedFile(outputFolder) + options,
				"spring.datasource.username", "sa", "spring.datasource.password", "");
	}

	/** An H2 database in memory, as the default where no file may be made. */
	public static Map<String, Object> inMemoryDefault() {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:nachtbrief", "spring.datasource.username", "sa",
				"spring.datasource.password", "");
	}

	/** A database URL to show: without its parameters, which may hold a password. */
	public static String shown(String url) {
		return url.replaceFirst("[?;].*$", "").replaceFirst("//[^/@]*@", "//");
	}

	public static boolean isEmbedded(String url) {
		return url != null && url.startsWith("jdbc:h2:");
	}

}
