package de.nachtbrief;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

import de.nachtbrief.cli.NachtbriefCommand;
import de.nachtbrief.llm.BackendProperties;

/**
 * Nachtbrief: German article files in, structured briefs in English and Chinese and a
 * digest per run out. The command line is parsed first, so a wrong option fails before
 * anything starts; each command then starts the Spring application it needs and returns
 * the exit code.
 */
@SpringBootConfiguration
// A job's context has no web server; security belongs to serve's web context.
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
// The web side (de.nachtbrief.web) is a context of its own, started by serve.
@ComponentScan(excludeFilters = { @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "de\\.nachtbrief\\.web\\..*") })
@EnableConfigurationProperties(BackendProperties.class)
public class NachtbriefApplication {

	public static void main(String[] args) {
		System.exit(NachtbriefCommand.execute(args));
	}

}
