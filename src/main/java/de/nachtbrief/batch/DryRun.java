package de.nachtbrief.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import de.nachtbrief.brief.ModelBriefer;
import de.nachtbrief.extract.DocumentExtractor;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.extract.ExtractionException;
import de.nachtbrief.llm.ModelBackend;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * What a run would brief and what it would cost, found without sending anything: the
 * run's files are selected as a run selects them, read, split and rehearsed (see
 * {@link de.nachtbrief.brief.BriefRehearsal}), and nothing is recorded.
 */
public class DryRun {

	private final DocumentStore store;

	public DryRun(DocumentStore store) {
		this.store = store;
	}

	/**
	 * The estimate: files found, to brief, skipped, those that cannot be read (with why),
	 * and the calls, tokens and cost per backend.
	 */
	public record Estimate(int found, int toBrief, int skipped, List<String> unreadable, Map<String, Usage> byBackend,
			Double budget, List<Double> documentCosts, Double batchPriceFactor) {

		public Usage total() {
			return this.byBackend.values().stream().reduce(Usage.NONE, Usage::plus);
		}

		/**
		 * How many documents the job's budget lets the run send, in the order the run
		 * takes them; all of them without a budget. A run with several workers takes them
		 * in about this order, so it may send one more or less.
		 */
		public int withinBudget() {
			if (this.budget == null) {
				return this.documentCosts.size();
			}
			double committed = 0;
			for (int i = 0; i < this.documentCosts.size(); i++) {
				committed += this.documentCosts.get(i);
				if (committed > this.budget) {
					return i;
				}
			}
			return this.documentCosts.size();
		}

	}

	public Estimate estimate(RunPlan plan) throws IOException {
		List<DiscoverTasklet.Selected> files = DiscoverTasklet.select(plan, this.store, -1);
		List<DiscoverTasklet.Selected> toBrief = files.stream()
			.filter((file) -> file.status() == DocumentStatus.PENDING)
			.toList();
		Map<String, Usage> byBackend = new TreeMap<>();
		List<String> unreadable = new ArrayList<>();
		List<Double> documentCosts = new ArrayList<>();
		ModelBackend translator = plan.translate().isExtractive() ? null : plan.translate().model();
		ModelBriefer briefer = plan.summarize().isExtractive() ? null
				: plan.batchMode() ? ModelBriefer.alone(plan.summarize().model(), translator)
						: new ModelBriefer(plan.summarize().model(), translator);
		// In batch mode the summarizer's calls cost its batch price (those a batch leaves
		// to direct calls, more).
		Double batchPriceFactor = (plan.priceFactor() < 1) ? plan.priceFactor() : null;
		try (DocumentExtractor extractor = new DocumentExtractor(plan.extractionOptions())) {
			for (DiscoverTasklet.Selected file : toBrief) {
				ExtractedDocument document;
				try {
					document = extractor.extract(plan.inputFolder().resolve(file.file().relativePath()));
				}
				catch (ExtractionException ex) {
					unreadable.add(file.file().relativePath() + ": " + ex.getMessage());
					continue;
				}
				if (briefer != null) {
					Map<String, Usage> calls = new LinkedHashMap<>(
							briefer.estimate(document, plan.definition().brief(), plan.languages()));
					if (batchPriceFactor != null) {
						calls.computeIfPresent(plan.summarize().name(),
								(backend, usage) -> new Usage(usage.inputTokens(), usage.outputTokens(), usage.calls(),
										usage.cost() * batchPriceFactor, usage.cachedInputTokens()));
					}
					calls.forEach((backend, usage) -> byBackend.merge(backend, usage, Usage::plus));
					documentCosts.add(calls.values().stream().mapToDouble(Usage::cost).sum());
				}
			}
		}
		return new Estimate(files.size(), toBrief.size(), files.size() - toBrief.size(), unreadable, byBackend,
				plan.definition().budget(), documentCosts, batchPriceFactor);
	}

}
