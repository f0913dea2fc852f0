package de.nachtbrief.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.Map;

import de.nachtbrief.batch.DryRun;
import de.nachtbrief.llm.Usage;

/**
 * Prints a dry run's estimate: what would be briefed, and the calls and cost per backend.
 */
final class DryRunReport {

	private static final String ROW = "%-24s %8s %15s %15s %12s%n";

	private DryRunReport() {
	}

	static void print(PrintWriter out, DryRun.Estimate estimate, String currency) {
		out.printf(
				"Dry run: %d files found, %d to brief, %d skipped (briefed before or duplicates); nothing was sent.%n",
				estimate.found(), estimate.toBrief(), estimate.skipped());
		if (!estimate.unreadable().isEmpty()) {
			out.printf("%d of them cannot be read and would go to failed/:%n", estimate.unreadable().size());
			estimate.unreadable().forEach((file) -> out.println("  " + file));
		}
		if (estimate.byBackend().isEmpty()) {
			out.println(
					"No model calls" + (estimate.toBrief() > 0 ? ": the extractive summarizer costs nothing." : "."));
			return;
		}
		out.printf(ROW, "BACKEND", "CALLS", "PROMPT TOKENS", "ANSWER TOKENS", "COST " + currency);
		for (Map.Entry<String, Usage> backend : estimate.byBackend().entrySet()) {
			row(out, backend.getKey(), backend.getValue());
		}
		if (estimate.byBackend().size() > 1) {
			row(out, "total", estimate.total());
		}
		out.println("Answer tokens are expected, not known: each answer is counted as long as the extractive"
				+ " brief of its document. Prompt tokens count the messages and the answer's JSON schema.");
		if (estimate.batchPriceFactor() != null) {
			out.println("Batch mode: the summarizer's calls are priced at " + estimate.batchPriceFactor()
					+ " of its direct prices (its batch-price-factor); what the batch leaves unanswered costs the"
					+ " direct price.");
		}
		if (estimate.budget() != null) {
			int sent = estimate.withinBudget();
			int documents = estimate.documentCosts().size();
			String budget = BigDecimal.valueOf(estimate.budget()).toPlainString() + " " + currency;
			out.println(
					(sent == documents) ? "The job's budget of " + budget + " covers all " + documents + " documents."
							: "The job's budget of " + budget + " covers about " + sent + " of the " + documents
									+ " documents; the run would leave the other " + (documents - sent)
									+ " for the next run.");
		}
	}

	private static void row(PrintWriter out, String name, Usage usage) {
		out.printf(ROW, name, "%,d".formatted(usage.calls()), "%,d".formatted(usage.inputTokens()),
				"%,d".formatted(usage.outputTokens()), "%,.4f".formatted(usage.cost()));
	}

}
