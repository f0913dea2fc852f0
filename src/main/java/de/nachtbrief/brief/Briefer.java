package de.nachtbrief.brief;

import java.util.List;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;

/** Turns the text of one document into its briefs, one per target language. */
public interface Briefer {

	BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets);

	/**
	 * What briefing the document is expected to cost, in the deployment's currency, found
	 * without sending anything; 0 for a briefer that calls no priced model.
	 */
	default double estimatedCost(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		return 0;
	}

}
