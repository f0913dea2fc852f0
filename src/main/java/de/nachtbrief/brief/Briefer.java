package de.nachtbrief.brief;

import java.util.List;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;

/** Turns the text of one document into its briefs, one per target language. */
public interface Briefer {

	BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets);

}
