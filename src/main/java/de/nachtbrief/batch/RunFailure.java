package de.nachtbrief.batch;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import de.nachtbrief.llm.ApiKeys;
import de.nachtbrief.llm.BackendUnavailableException;

/** The one line that says why a run did not complete. */
public final class RunFailure {

	private RunFailure() {
	}

	/**
	 * The most telling failure: a backend that cannot serve calls, else the first
	 * failure's innermost cause.
	 */
	static String describe(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		List<Throwable> failures = execution.getAllFailureExceptions();
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof BackendUnavailableException) {
					return ApiKeys.redact(cause.getMessage());
				}
			}
		}
		if (failures.isEmpty()) {
			return "the run ended with status " + execution.getStatus();
		}
		return rootMessage(failures.get(0));
	}

	/** The innermost cause's message, with any key redacted. */
	public static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return ApiKeys.redact(root.getMessage() != null ? root.getMessage() : root.toString());
	}

}
