package de.nachtbrief.batch;

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
		List<SourceFile> files = new InputScanner(this.plan.inputFolder(), this.plan.definition().input().include(),
				this.plan.definition().input().exclude(), this.plan.definition().input().stableFor())
			.scan();
		int skipped = 0;
		Map<String, String> firstWithContent = new HashMap<>();
		for (SourceFile file : files) {
			String sameContent = firstWithContent.putIfAbsent(file.sha256(), file.relativePath());
			if (sameContent != null) {
				skipped++;
				this.store.register(run, this.plan.jobName(), file.relativePath(), file.sha256(),
						this.plan.settingsHash(), file.size(), DocumentStatus.SKIPPED,
						"same content as " + sameContent + ", which is briefed once");
				contribution.incrementReadCount();
				continue;
			}
			DocumentRecord earlier = this.plan.force() ? null
					: this.store.findBriefed(file.sha256(), this.plan.settingsHash())
						.filter((record) -> record.runId() != run)
						.orElse(null);
			if (earlier != null) {
				skipped++;
				if (this.plan.definition().input().afterSuccess() == JobDefinition.AfterSuccess.ARCHIVE) {
					// Briefed before but not moved, e.g. the process ended between
					// recording and moving.
					this.lifecycle.archive(file.relativePath());
				}
				this.store.register(run, this.plan.jobName(), file.relativePath(), file.sha256(),
						this.plan.settingsHash(), file.size(), DocumentStatus.SKIPPED,
						"already briefed with the same settings in run " + earlier.runId() + " (" + earlier.briefPath()
								+ "); use --force to brief it again");
			}
			else {
				this.store.register(run, this.plan.jobName(), file.relativePath(), file.sha256(),
						this.plan.settingsHash(), file.size(), DocumentStatus.PENDING, null);
			}
			contribution.incrementReadCount();
		}
		logger.info("Found {} files in {}: {} to brief, {} already briefed", files.size(), this.plan.inputFolder(),
				files.size() - skipped, skipped);
		this.meters.skipped(skipped);
		return RepeatStatus.FINISHED;
	}

}
