package de.nachtbrief.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command: {@code nachtbrief <command>}. */
@Command(name = "nachtbrief", mixinStandardHelpOptions = true, version = "Nachtbrief 0.1.0",
		description = "German article files in, structured briefs in English and Chinese and a digest out.",
		subcommands = { RunCommand.class, StatusCommand.class, ServeCommand.class, ModelCommand.class,
				EvalCommand.class, WorkerCommand.class })
public class NachtbriefCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

	/** Parses and runs a command line, returning the process exit code. */
	public static int execute(String... args) {
		return commandLine().execute(args);
	}

	public static CommandLine commandLine() {
		return new CommandLine(new NachtbriefCommand()).setCaseInsensitiveEnumValuesAllowed(true);
	}

}
