package de.nachtbrief.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.UnboundElementsSourceFilter;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Loads {@code jobs/<name>.yaml} into a {@link JobDefinition}, failing fast with the file
 * and key named.
 */
public final class JobDefinitions {

	private JobDefinitions() {
	}

	/** The job file for a job name, or the path itself when it names a file. */
	public static Path locate(Path jobsFolder, String job) {
		Path asGiven = Path.of(job);
		if (job.endsWith(".yaml") || job.endsWith(".yml")) {
			return asGiven;
		}
		return jobsFolder.resolve(job + ".yaml");
	}

	public static JobDefinition load(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new JobDefinitionException("job file " + file + " does not exist", null);
		}
		List<PropertySource<?>> sources;
		try {
			sources = new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file));
		}
		catch (IOException | RuntimeException ex) {
			throw new JobDefinitionException(file + ": not valid YAML: " + firstLine(ex), ex);
		}
		if (sources.size() > 1) {
			throw new JobDefinitionException(file + ": holds several YAML documents; a job file holds one", null);
		}
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		try {
			return binder.bindOrCreate("", Bindable.of(JobDefinition.class),
					new NoUnboundElementsBindHandler(
							org.springframework.boot.context.properties.bind.BindHandler.DEFAULT,
							new UnboundElementsSourceFilter()));
		}
		catch (BindException ex) {
			throw new JobDefinitionException(file + ": " + describe(ex), ex);
		}
	}

	private static String describe(BindException ex) {
		Throwable cause = ex.getCause();
		String key = ex.getProperty() != null ? ex.getProperty().getName().toString() : ex.getName().toString();
		if (cause instanceof org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException unbound) {
			return "unknown key " + unbound.getUnboundProperties()
				.stream()
				.map((property) -> "'" + property.getName() + "'")
				.sorted()
				.toList() + "; see the job-file keys in README.md";
		}
		Throwable root = cause;
		while (root != null && root.getCause() != null) {
			root = root.getCause();
		}
		String reason = root != null ? firstLine(root) : "invalid value";
		return key.isEmpty() ? reason : "key '" + key + "': " + reason;
	}

	private static String firstLine(Throwable ex) {
		String message = String.valueOf(ex.getMessage());
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
