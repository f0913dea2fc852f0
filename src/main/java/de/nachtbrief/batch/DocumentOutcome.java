package de.nachtbrief.batch;

import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.store.DocumentRecord;

/** What briefing one document came to: a brief to write, or a reason it failed. */
record DocumentOutcome(DocumentRecord record, BriefDocument brief, String failure, Usage usage, long durationMs) {

	static DocumentOutcome briefed(DocumentRecord record, BriefDocument brief, Usage usage, long durationMs) {
		return new DocumentOutcome(record, brief, null, usage, durationMs);
	}

	static DocumentOutcome failed(DocumentRecord record, String reason, Usage usage, long durationMs) {
		return new DocumentOutcome(record, null, reason, usage, durationMs);
	}

	boolean isBriefed() {
		return this.brief != null;
	}

}
