package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.RunPlan;
import de.nachtbrief.batch.RunProgress;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;

/**
 * The lines a finished run ends with: its counts, each failure with its reason, where the
 * digest is.
 */
final class RunSummary {

	private RunSummary() {
	}

	static void print(PrintWriter out, RunPlan plan, BriefingRunner.Result result, List<DocumentRecord> documents,
			RunProgress progress) {
		long briefed = documents.stream().filter((d) -> d.status() == DocumentStatus.BRIEFED).count();
		long skipped = documents.stream().filter((d) -> d.status() == DocumentStatus.SKIPPED).count();
		List<DocumentRecord> failed = documents.stream().filter((d) -> d.status() == DocumentStatus.FAILED).toList();
		RunProgress.Snapshot end = progress.snapshot();
		out.printf("Run %d: %d briefed, %d failed, %d already briefed (skipped); %,d tokens; %s.%n", result.run(),
				briefed, failed.size(), skipped, end.tokens(), end.elapsed().toMillis() / 1000.0 + " s");
		failed.forEach((d) -> out.printf("  failed: %s: %s%n", d.path(), d.reason()));
		if (result.succeeded()) {
			Path output = plan.outputFolder();
			out.printf("Digest: %s%nReport: %s%n",
					output.resolve("digests/" + plan.date() + "-run-" + result.run() + "."
							+ plan.languages().get(0).code() + ".md"),
					output.resolve("runs/run-" + result.run() + ".json"));
		}
		out.flush();
	}

}
