package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;

/** Runs a command line in-process, capturing what it prints. */
public final class CommandLines {

	private CommandLines() {
	}

	public record Result(int exitCode, String out, String err) {

		public String text() {
			return this.out + this.err;
		}

	}

	public static Result execute(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		CommandLine command = NachtbriefCommand.commandLine();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		int exitCode = command.execute(args);
		return new Result(exitCode, out.toString(), err.toString());
	}

}
