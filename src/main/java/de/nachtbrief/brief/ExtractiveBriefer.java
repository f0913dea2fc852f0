package de.nachtbrief.brief;

import java.util.ArrayList;
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
 * Briefs a document without any model: sentences, figures and quotes are picked from the
 * source itself. It cannot translate, so every target language gets the source-language
 * brief with a note saying so.
 */
public class ExtractiveBriefer implements Briefer {

	/**
	 * Enough for any article; a longer document is summarised from its beginning, and the
	 * brief says so.
	 */
	static final int MAX_SUMMARISED_CHARACTERS = 200_000;

	private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

	@Override
	public BriefSet brief(ExtractedDocument document, JobDefinition.Shape shape, List<Language> targets) {
		Sources.Source source = Sources.of(document);
		List<String> notes = new ArrayList<>(source.notes());
		String text = document.text();
		if (text.length() > MAX_SUMMARISED_CHARACTERS) {
			text = text.substring(0, MAX_SUMMARISED_CHARACTERS);
			notes.add("The extractive summarizer considered the first %,d of %,d characters."
				.formatted(MAX_SUMMARISED_CHARACTERS, document.text().length()));
		}
		Brief picked = this.summarizer.summarize(document.title(), text, shape.keyPoints(), shape.summarySentences());
		GroundingCheck.Result checked = new GroundingCheck(source.groundingText()).check(picked, document.language(),
				true);
		Map<String, LocalizedBrief> briefs = new LinkedHashMap<>();
		for (Language target : targets) {
			List<String> targetNotes = target.code().equals(document.language()) ? notes
					: Sources.untranslated(notes, document.language(), target.code());
			briefs.put(target.code(),
					new LocalizedBrief(target.code(), document.language(), checked.brief(), targetNotes));
		}
		return new BriefSet(briefs, BackendChoice.EXTRACTIVE, BackendChoice.EXTRACTIVE, "none", "none", Usage.NONE,
				checked.removed());
	}

}
