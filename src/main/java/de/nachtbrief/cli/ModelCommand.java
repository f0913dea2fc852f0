package de.nachtbrief.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nachtbrief model}: the model files of the in-process {@code local} backend:
 * download one from the catalog, list what is there, and measure one on this machine.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
		description = "Model files for the in-process 'local' backend: pull, list, bench.",
		subcommands = { ModelPullCommand.class, ModelListCommand.class, ModelBenchCommand.class })
class ModelCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		this.spec.commandLine().usage(this.spec.commandLine().getOut());
	}

}
