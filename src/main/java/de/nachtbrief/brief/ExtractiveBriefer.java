package de.nachtbrief.brief;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import de.nachtbrief.definition.JobDefinition;
import de.nachtbrief.definition.Language;
import de.nachtbrief.extract.ExtractedDocument;
import de.nachtbrief.llm.BackendChoice;
import de.nachtbrief.llm.Usage;
import de.nachtbrief.llm.extractive.ExtractiveSummarizer;

/**
 * Briefs a document without any model: sentences, figures and quotes are picked from the source itself. It cannot
 * translate, so every target language gets the source-language brief with a note saying so.
 */
public class ExtractiveBriefer implements Briefer {

	private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

	@Override
	public BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		Sources.Source source = Sources.of(document);
		Brief picked = this.summarizer.summarize(document.title(), document.text(), shape.keyPoints(),
				shape.summarySentences());
		GroundingCheck.Result checked = new GroundingCheck(source.groundingText()).check(picked, true);
		Map<String, LocalizedBrief> briefs = new LinkedHashMap<>();
		for (Language target : targets) {
			List<String> notes = target.code().equals(document.language()) ? source.notes()
					: Sources.untranslated(source.notes(), document.language());
			briefs.put(target.code(), new LocalizedBrief(target.code(), document.language(), checked.brief(), notes));
		}
		return new BriefSet(briefs, BackendChoice.EXTRACTIVE, BackendChoice.EXTRACTIVE, "none", "none", Usage.NONE,
				checked.removed());
	}

}
