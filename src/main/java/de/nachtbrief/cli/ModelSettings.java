package de.nachtbrief.cli;

import java.nio.file.Path;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import de.nachtbrief.llm.BackendProperties;
import picocli.CommandLine.Option;

/**
 * The {@code model} commands' {@code --models} option and the deployment's settings, read
 * as a run reads them (application.yaml, the environment) without starting a job.
 */
class ModelSettings {

	@Option(names = "--models", paramLabel = "DIR",
			description = "Folder of model files. Default: nachtbrief.models.folder (models).")
	Path folder;

	BackendProperties read() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Settings.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.run(this.folder == null ? new String[0] : new String[] { "--nachtbrief.models.folder=" + this.folder })) {
			return context.getBean(BackendProperties.class);
		}
	}

	static String megabytes(long bytes) {
		return "%,d MB".formatted(bytes / 1_000_000);
	}

	/** Only the configuration properties, so reading them opens no database. */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BackendProperties.class)
	static class Settings {

	}

}
