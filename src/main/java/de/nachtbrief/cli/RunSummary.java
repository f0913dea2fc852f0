package de.nachtbrief.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import de.nachtbrief.batch.BriefingRunner;
import de.nachtbrief.batch.RunPlan;
import de.nachtbrief.batch.RunProgress;
import de.nachtbrief.digest.DigestWriter;
import de.nachtbrief.digest.RunReport;
import de.nachtbrief.ingest.FileNames;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;

/**
 * The lines a finished run ends with: its counts, each failure with its reason, where the
 * digest is, and what became of its digest messages.
 */
final class RunSummary {

	/** How many files a line about documents left pending for one reason names. */
	private static final int NAMED_PENDING = 3;

	private RunSummary() {
	}

	static void print(PrintWriter out, RunPlan plan, BriefingRunner.Result result, List<DocumentRecord> documents,
			RunProgress progress) {
		long briefed = documents.stream().filter((d) -> d.status() == DocumentStatus.BRIEFED).count();
		long skipped = documents.stream().filter((d) -> d.status() == DocumentStatus.SKIPPED).count();
		List<DocumentRecord> failed = documents.stream().filter((d) -> d.status() == DocumentStatus.FAILED).toList();
		RunProgress.Snapshot end = progress.snapshot();
		List<DocumentRecord> pending = documents.stream().filter((d) -> d.status() == DocumentStatus.PENDING).toList();
		String leftPending = pending.isEmpty() ? "" : ", " + pending.size() + " left pending";
		out.printf("Run %d: %d briefed, %d failed, %d already briefed (skipped)%s; %,d tokens; %s.%n", result.run(),
				briefed, failed.size(), skipped, leftPending, end.tokens(), end.elapsed().toMillis() / 1000.0 + " s");
		failed.forEach((d) -> out.printf("  failed: %s: %s%n", FileNames.shown(d.path()), d.reason()));
		printPending(out, pending);
		if (result.succeeded()) {
			Path output = plan.outputFolder();
			out.printf("Digest: %s%nReport: %s%n",
					output.resolve("digests/" + plan.date() + "-run-" + result.run() + "."
							+ plan.languages().get(0).code() + ".md"),
					output.resolve("runs/run-" + result.run() + ".json"));
			if (!plan.definition().delivery().recipients().isEmpty()) {
				out.println(delivery(plan, result.run()));
			}
		}
		out.flush();
	}

	/**
	 * One line per reason, so that a run stopped early names its hundreds of untouched
	 * files in one line, not hundreds.
	 */
	private static void printPending(PrintWriter out, List<DocumentRecord> pending) {
		Map<String, List<String>> byReason = new LinkedHashMap<>();
		for (DocumentRecord document : pending) {
			// Without a reason a document was never reached, as when the run stopped
			// early.
			String reason = document.reason() != null ? document.reason() : "not reached in this run";
			byReason.computeIfAbsent(reason, (key) -> new ArrayList<>()).add(FileNames.shown(document.path()));
		}
		byReason.forEach((reason, paths) -> {
			if (paths.size() == 1) {
				out.printf("  pending: %s: %s%n", paths.get(0), reason);
				return;
			}
			String named = String.join(", ", paths.subList(0, Math.min(paths.size(), NAMED_PENDING)));
			String more = paths.size() > NAMED_PENDING ? " and " + (paths.size() - NAMED_PENDING) + " more" : "";
			out.printf("  pending: %d files (%s%s): %s%n", paths.size(), named, more, reason);
		});
	}

	private static String delivery(RunPlan plan, long run) {
		RunReport report;
		try {
			report = new DigestWriter(plan.outputFolder(), plan.definition().output().formats()).readReport(run);
		}
		catch (IOException ex) {
			return "Delivery: unknown, the run report could not be read";
		}
		if (report.deliverySkipped() != null) {
			return "Delivery: nothing sent, " + report.deliverySkipped();
		}
		if (report.deliveries() == null) {
			return "Delivery: not recorded in the run report";
		}
		Map<String, Long> byStatus = report.deliveries()
			.stream()
			.collect(Collectors.groupingBy((message) -> message.status().toLowerCase(Locale.ROOT), TreeMap::new,
					Collectors.counting()));
		long recipients = report.deliveries().stream().map(RunReport.DigestMessage::recipient).distinct().count();
		return "Delivery: %d message(s) to %d recipient(s): %s".formatted(report.deliveries().size(), recipients,
				byStatus.entrySet()
					.stream()
					.map((entry) -> entry.getValue() + " " + entry.getKey())
					.collect(Collectors.joining(", ")));
	}

}
