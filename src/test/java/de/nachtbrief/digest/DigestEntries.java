package de.nachtbrief.digest;

import java.util.List;
import java.util.Map;

import de.nachtbrief.Hashes;
import de.nachtbrief.brief.Brief;
import de.nachtbrief.brief.BriefDocument;
import de.nachtbrief.brief.LocalizedBrief;
import de.nachtbrief.llm.extractive.ExtractiveSummarizer;

/** Digest entries as a run writes them: an extractive brief of a text, in English. */
final class DigestEntries {

	static final String UNTRANSLATED = "This brief is in German: translation needs a model backend.";

	private static final ExtractiveSummarizer summarizer = new ExtractiveSummarizer();

	private DigestEntries() {
	}

	static DigestWriter.Entry of(String file, String text) {
		return of(file, text, summarizer.summarize(null, text));
	}

	static DigestWriter.Entry of(String file, String text, Brief brief) {
		BriefDocument.Source source = new BriefDocument.Source(file, Hashes.sha256Hex(text), text.length(),
				"text/plain", null, null, null, "de", text.length(), false, Fingerprint.of(text));
		BriefDocument document = new BriefDocument(BriefDocument.SCHEMA_VERSION, 1, "2026-12-04T00:00:00Z", source,
				Map.of("en", new LocalizedBrief("en", "de", brief, List.of(UNTRANSLATED))),
				new BriefDocument.Backends(new BriefDocument.Role("extractive", "extractive"),
						new BriefDocument.Role("none", "none")),
				new BriefDocument.Tokens(0, 0, 0, 0, "USD", 0), new BriefDocument.Timings(0, 0, 0), List.of());
		String slug = file.replaceAll("[^a-z0-9]+", "-");
		return new DigestWriter.Entry("briefs/2026-12-04/" + slug + ".json", document);
	}

}
