package de.nachtbrief;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import de.nachtbrief.cli.NachtbriefCommand;
import de.nachtbrief.llm.BackendProperties;

/**
 * Nachtbrief: German article files in, structured briefs in English and Chinese and a
 * digest per run out. The command line is parsed first, so a wrong option fails before
 * anything starts; each command then starts the Spring application it needs and returns
 * the exit code.
 */
@SpringBootApplication
@EnableConfigurationProperties(BackendProperties.class)
public class NachtbriefApplication {

	public static void main(String[] args) {
		System.exit(NachtbriefCommand.execute(args));
	}

}
