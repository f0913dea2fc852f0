package de.nachtbrief.batch;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import de.nachtbrief.definition.Language;

/**
 * What a worker needs to plan the manager's run, carried in each remote partition's
 * execution context: the job's name, its resolved folders, the command line's overrides
 * and the run's date. The worker reads the job file from its own jobs folder and resolves
 * the backends with its own configuration (and keys); the run's settings hash tells
 * whether that came out the same.
 */
final class RunRecipe {

	static final String PARTITION = "partition";

	static final String PARTITIONS = "partitions";

	private RunRecipe() {
	}

	/** The partitions of a run: each names its number, their count and the recipe. */
	static Map<String, ExecutionContext> partitions(RunPlan plan, int count) {
		RunOptions options = plan.options();
		Map<String, ExecutionContext> partitions = new HashMap<>();
		for (int partition = 0; partition < count; partition++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(PARTITION, partition);
			context.putInt(PARTITIONS, count);
			context.putString("job", plan.jobName());
			context.putString("input", plan.inputFolder().toString());
			context.putString("output", plan.outputFolder().toString());
			context.putString("languages", String.join(",", plan.languages().stream().map(Language::code).toList()));
			putIfSet(context, "backend", options.backend());
			putIfSet(context, "base-url", options.baseUrl());
			putIfSet(context, "model", options.model());
			context.putString("force", Boolean.toString(plan.force()));
			context.putString("fresh", Boolean.toString(plan.fresh()));
			context.putString("date", plan.date());
			partitions.put("partition" + partition, context);
		}
		return partitions;
	}

	/** The run's options as the worker plans it, with its own jobs folder. */
	static RunOptions options(ExecutionContext context, Path jobsFolder) {
		List<String> languages = Arrays.asList(context.getString("languages").split(","));
		return new RunOptions(context.getString("job"), jobsFolder, Path.of(context.getString("input")),
				Path.of(context.getString("output")), languages, context.getString("backend", null),
				context.getString("base-url", null), context.getString("model", null),
				Boolean.parseBoolean(context.getString("force")), Boolean.parseBoolean(context.getString("fresh")));
	}

	/**
	 * A clock standing on the run's date, so that the worker files briefs where the
	 * manager does.
	 */
	static Clock dateOf(ExecutionContext context) {
		return Clock.fixed(LocalDate.parse(context.getString("date")).atTime(12, 0).toInstant(ZoneOffset.UTC),
				ZoneOffset.UTC);
	}

	private static void putIfSet(ExecutionContext context, String key, String value) {
		if (value != null) {
			context.putString(key, value);
		}
	}

}
