package de.nachtbrief.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.ingest.InputScanner;
import de.nachtbrief.ingest.SourceLifecycle;
import de.nachtbrief.ingest.SourceFile;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * Finds the run's source files and records each as pending, or as skipped when its
 * content was briefed before.
 */
class DiscoverTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(DiscoverTasklet.class);

	private final RunPlan plan;

	private final DocumentStore store;

	private final SourceLifecycle lifecycle;

	private final RunMeters meters;

	DiscoverTasklet(RunPlan plan, DocumentStore store, RunMeters meters) {
		this.plan = plan;
		this.store = store;
		this.meters = meters;
		this.lifecycle = new SourceLifecycle(plan.inputFolder(), plan.outputFolder());
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		long run = RunIds.of(contribution.getStepExecution());
		List<Selected> files = select(this.plan, this.store, run);
		int skipped = 0;
		for (Selected selected : files) {
			SourceFile file = selected.file();
			if (selected.status() == DocumentStatus.SKIPPED) {
				skipped++;
				if (selected.briefedBefore()
						&& this.plan.definition().input().afterSuccess() == JobDefinition.AfterSuccess.ARCHIVE) {
					// Briefed before but not moved, e.g. the process ended between
					// recording and moving.
					this.lifecycle.archive(file.relativePath());
				}
			}
			this.store.register(run, this.plan.jobName(), file.relativePath(), file.sha256(), this.plan.settingsHash(),
					file.size(), selected.status(), selected.reason());
			contribution.incrementReadCount();
		}
		logger.info("Found {} files in {}: {} to brief, {} already briefed", files.size(), this.plan.inputFolder(),
				files.size() - skipped, skipped);
		this.meters.skipped(skipped);
		return RepeatStatus.FINISHED;
	}

	/**
	 * A source file of the run and what becomes of it: {@code PENDING} to be briefed, or
	 * {@code SKIPPED} with the reason, which is that another file has the same content or
	 * that it was briefed before with the same settings.
	 */
	record Selected(SourceFile file, DocumentStatus status, String reason, boolean briefedBefore) {
	}

	/**
	 * The run's source files, each with what the run makes of it; a dry run asks too, and
	 * records nothing.
	 * @param run the run asking, whose own records do not count as briefed before
	 */
	static List<Selected> select(RunPlan plan, DocumentStore store, long run) throws IOException {
		List<SourceFile> files = new InputScanner(plan.inputFolder(), plan.definition().input().include(),
				plan.definition().input().exclude(), plan.definition().input().stableFor())
			.scan();
		List<Selected> selected = new ArrayList<>();
		Map<String, String> firstWithContent = new HashMap<>();
		for (SourceFile file : files) {
			String sameContent = firstWithContent.putIfAbsent(file.sha256(), file.relativePath());
			if (sameContent != null) {
				selected.add(new Selected(file, DocumentStatus.SKIPPED,
						"same content as " + sameContent + ", which is briefed once", false));
				continue;
			}
			DocumentRecord earlier = plan.force() ? null
					: store.findBriefed(file.sha256(), plan.settingsHash())
						.filter((record) -> record.runId() != run)
						.orElse(null);
			selected.add((earlier != null)
					? new Selected(file, DocumentStatus.SKIPPED,
							"already briefed with the same settings in run " + earlier.runId() + " ("
									+ earlier.briefPath() + "); use --force to brief it again",
							true)
					: new Selected(file, DocumentStatus.PENDING, null, false));
		}
		return selected;
	}

}
