package de.nachtbrief.llm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * API keys, from the environment variable a backend names or else from a secrets file
 * outside the project ({@code ~/.config/nachtbrief/secrets.properties}, or the file named
 * by the system property {@code nachtbrief.secrets-file}), one {@code VARIABLE=key} per
 * line. Keys never go anywhere else: text that came back from a backend is passed through
 * {@link #redact} before it is logged, stored or shown.
 */
public final class ApiKeys {

	public static final String SECRETS_FILE_PROPERTY = "nachtbrief.secrets-file";

	private static final String REDACTED = "[key redacted]";

	private ApiKeys() {
	}

	/**
	 * The key held by a variable, or null when neither the environment nor the secrets
	 * file has one.
	 */
	public static String lookup(String variable) {
		if (variable == null || variable.isBlank()) {
			return null;
		}
		String fromEnvironment = System.getenv(variable);
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment.strip();
		}
		String fromFile = secretsFile().getProperty(variable);
		return fromFile == null || fromFile.isBlank() ? null : fromFile.strip();
	}

	/** Replaces every known key in a text that may have come from outside. */
	public static String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = text;
		for (String key : knownKeys()) {
			redacted = redacted.replace(key, REDACTED);
		}
		return redacted;
	}

	private static Iterable<String> knownKeys() {
		java.util.Set<String> keys = new java.util.HashSet<>(ENVIRONMENT_KEYS);
		secretsFile().values().forEach((value) -> {
			if (value.toString().length() >= 8) {
				keys.add(value.toString().strip());
			}
		});
		return keys;
	}

	/** The environment of a running JVM does not change, so its keys are read once. */
	private static final java.util.Set<String> ENVIRONMENT_KEYS = environmentKeys();

	private static java.util.Set<String> environmentKeys() {
		java.util.Set<String> keys = new java.util.HashSet<>();
		System.getenv().forEach((name, value) -> {
			if (looksLikeKeyVariable(name) && value != null && value.length() >= 8) {
				keys.add(value.strip());
			}
		});
		return java.util.Set.copyOf(keys);
	}

	private static boolean looksLikeKeyVariable(String name) {
		String upper = name.toUpperCase(java.util.Locale.ROOT);
		return upper.endsWith("_API_KEY") || upper.endsWith("_KEY") || upper.endsWith("_TOKEN")
				|| upper.endsWith("_SECRET");
	}

	/**
	 * The secrets file as last read; read again only when its path or modification time
	 * changes.
	 */
	private record LoadedSecrets(Path file, java.nio.file.attribute.FileTime modified, Properties secrets) {
	}

	private static volatile LoadedSecrets loaded;

	private static Properties secretsFile() {
		String configured = System.getProperty(SECRETS_FILE_PROPERTY);
		Path file = configured != null ? Path.of(configured)
				: Path.of(System.getProperty("user.home"), ".config", "nachtbrief", "secrets.properties");
		if (!Files.isRegularFile(file)) {
			return new Properties();
		}
		try {
			java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
			LoadedSecrets current = loaded;
			if (current != null && current.file().equals(file) && current.modified().equals(modified)) {
				return current.secrets();
			}
			Properties secrets = new Properties();
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				secrets.load(reader);
			}
			loaded = new LoadedSecrets(file, modified, secrets);
			return secrets;
		}
		catch (IOException ex) {
			throw new IllegalStateException("the secrets file " + file + " cannot be read: " + ex.getMessage(), ex);
		}
	}

}
