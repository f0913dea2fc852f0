package de.nachtbrief.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import de.nachtbrief.brief.BriefFiles;
import de.nachtbrief.brief.Timestamps;
import de.nachtbrief.definition.Language;
import de.nachtbrief.digest.DigestWriter;
import de.nachtbrief.digest.RunReport;
import de.nachtbrief.store.DocumentRecord;
import de.nachtbrief.store.DocumentStatus;
import de.nachtbrief.store.DocumentStore;

/**
 * Writes the run's digest per language and its run report from what H2 and the brief
 * files hold.
 */
class DigestTasklet implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(DigestTasklet.class);

	private final RunPlan plan;

	private final DocumentStore store;

	private final BriefFiles briefs;

	private final DigestWriter digests;

	private final String currency;

	private final RunProgress progress;

	private final RunBudget budget;

	/**
	 * @param budget the run's budget, or null
	 */
	DigestTasklet(RunPlan plan, DocumentStore store, BriefFiles briefs, DigestWriter digests, String currency,
			RunProgress progress, RunBudget budget) {
		this.progress = progress;
		this.budget = budget;
		this.plan = plan;
		this.store = store;
		this.briefs = briefs;
		this.digests = digests;
		this.currency = currency;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		long run = RunIds.of(contribution.getStepExecution());
		List<DocumentRecord> documents = this.store.all(run);
		List<DigestWriter.Entry> entries = new ArrayList<>();
		List<RunReport.Failure> failures = new ArrayList<>();
		List<RunReport.Failure> leftPending = new ArrayList<>();
		Map<String, RunReport.Tokens> tokens = new TreeMap<>();
		for (DocumentRecord document : documents) {
			if (document.status() == DocumentStatus.BRIEFED) {
				entries.add(new DigestWriter.Entry(document.briefPath(), this.briefs.read(document.briefPath())));
			}
			else if (document.status() == DocumentStatus.FAILED) {
				failures.add(new RunReport.Failure(document.path(), document.reason()));
			}
			else if (document.status() == DocumentStatus.PENDING) {
				leftPending.add(new RunReport.Failure(document.path(), document.reason()));
			}
			if (document.modelCalls() > 0) {
				tokens.merge(document.backend() != null ? document.backend() : this.plan.summarize().name(),
						new RunReport.Tokens(document.inputTokens(), document.cachedInputTokens(),
								document.outputTokens(), document.modelCalls(), document.cost(), this.currency),
						RunReport.Tokens::plus);
			}
		}
		List<String> languages = this.plan.languages().stream().map(Language::code).toList();
		String budgetReached = this.progress.budgetReached();
		List<String> written = this.digests.writeDigests(this.plan.date(), run, languages, entries, failures,
				budgetReached != null ? leftPending.size() : 0);
		JobExecution job = contribution.getStepExecution().getJobExecution();
		LocalDateTime started = job.getStartTime() != null ? job.getStartTime() : LocalDateTime.now();
		LocalDateTime finished = LocalDateTime.now();
		int skipped = (int) documents.stream().filter((d) -> d.status() == DocumentStatus.SKIPPED).count();
		RunReport report = new RunReport(run, this.plan.jobName(), published(started), published(finished),
				Duration.between(started, finished).toMillis(), this.plan.summarize().describe(),
				this.plan.translate().describe(),
				new RunReport.Counts(documents.size(), entries.size(), failures.size(), skipped, leftPending.size()),
				failures, leftPending, tokens, written);
		if (this.budget != null) {
			double spent = tokens.values().stream().mapToDouble(RunReport.Tokens::cost).sum();
			report = report.withBudget(new RunReport.Budget(this.budget.limit(), this.budget.estimated(), spent,
					this.currency, budgetReached));
		}
		String reportPath = this.digests.writeReport(report);
		logger.info("Run {}: {} briefed, {} failed, {} skipped, {} left pending; report {}", run, entries.size(),
				failures.size(), skipped, leftPending.size(), reportPath);
		chunkContext.getStepContext().getStepExecution().getExecutionContext().putString("report", reportPath);
		return RepeatStatus.FINISHED;
	}

	/**
	 * Spring Batch's times are local and without offset; reports publish RFC 3339 UTC.
	 */
	private static String published(LocalDateTime time) {
		return Timestamps.format(time.atZone(ZoneId.systemDefault()).toOffsetDateTime());
	}

}
