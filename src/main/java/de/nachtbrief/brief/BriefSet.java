package de.nachtbrief.brief;

import java.util.List;
import java.util.Map;

import de.nachtbrief.llm.Usage;

/**
 * Everything briefing one document produced: a brief per target language (in the job's
 * order), which backends and models actually answered (comma-separated when a failover
 * chain switched during the document, {@code none} when the role made no call), what it
 * cost, and what the grounding check removed.
 */
public record BriefSet(Map<String, LocalizedBrief> briefs, String summarizeBackend, String summarizeModel,
		String translateBackend, String translateModel, Usage usage, List<String> removedByCheck) {

	public BriefSet {
		briefs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(briefs));
		removedByCheck = List.copyOf(removedByCheck);
	}

}
