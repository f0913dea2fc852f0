package de.nachtbrief.batch;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentRecord;

/**
 * What briefing one document came to: a brief to write, or a reason it was not briefed
 * and whose fault that was.
 */
record DocumentOutcome(DocumentRecord record, BriefDocument brief, String failure, Cause cause, Usage usage,
		long durationMs) {

	/** Why a document was not briefed, which decides what becomes of it. */
	enum Cause {

		/** The file is damaged, empty, protected or unreadable: it fails. */
		FILE,
		/** The text does not fit the model's window: it fails. */
		TOO_LONG,
		/**
		 * The model's answers were unusable or a call ran out of its budget: it stays
		 * pending for the next run, up to a limit.
		 */
		MODEL,
		/** The backend is down as a whole: it stays pending and the run stops. */
		BACKEND_DOWN,
		/**
		 * The run's budget would be crossed: it stays pending for the next run, and the
		 * run goes on to its digest.
		 */
		BUDGET

	}

	static DocumentOutcome briefed(DocumentRecord record, BriefDocument brief, Usage usage, long durationMs) {
		return new DocumentOutcome(record, brief, null, null, usage, durationMs);
	}

	static DocumentOutcome failed(DocumentRecord record, String reason, Cause cause, Usage usage, long durationMs) {
		return new DocumentOutcome(record, null, reason, cause, usage, durationMs);
	}

	boolean isBriefed() {
		return this.brief != null;
	}

}
