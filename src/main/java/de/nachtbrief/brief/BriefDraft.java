package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one model call answers for every language asked for: the source's facts once, as
 * the source writes them (names, and quotes word for word), and per language only the
 * prose. One read of the source so yields every language, and the facts cannot drift
 * between languages.
 */
public record BriefDraft(List<String> people, List<String> organisations, List<String> places, List<Brief.Quote> quotes,
		Map<String, Prose> briefs) {

	/** The map component whose keys are the language codes asked for. */
	public static final String LANGUAGES = "briefs";

	public BriefDraft {
		people = Brief.copy(people);
		organisations = Brief.copy(organisations);
		places = Brief.copy(places);
		quotes = Brief.copy(quotes);
		briefs = briefs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(briefs));
	}

	/**
	 * The brief in one language: headline, summary, key points, figures (their values
	 * keep the source's digits), each of the draft's quotes rendered in this language in
	 * the same order, and topics.
	 */
	public record Prose(String headline, String summary, List<String> keyPoints, List<Brief.Figure> figures,
			List<String> quotes, List<String> topics) {

		public Prose {
			Objects.requireNonNull(headline, "headline");
			Objects.requireNonNull(summary, "summary");
			keyPoints = Brief.copy(keyPoints);
			figures = Brief.copy(figures);
			quotes = Brief.copy(quotes);
			topics = Brief.copy(topics);
		}

		/** The prose of a brief; its quotes as the brief words them. */
		static Prose of(Brief brief) {
			return new Prose(brief.headline(), brief.summary(), brief.keyPoints(), brief.figures(),
					brief.quotes().stream().map(Brief.Quote::text).toList(), brief.topics());
		}

	}

	/**
	 * The answer a translation call gives: the prose in each language asked for, the
	 * facts left as they are.
	 */
	public record Translations(Map<String, Prose> briefs) {

		public Translations {
			briefs = briefs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(briefs));
		}

	}

	/**
	 * The brief in {@code language}: the facts with that language's prose. A quote keeps
	 * its speaker as the source writes it; in the source's own language it keeps its
	 * words too, else it is rendered as the prose renders it (a quote the prose did not
	 * render is left out).
	 */
	Brief in(String language, boolean sourceLanguage) {
		Prose prose = this.briefs.get(language);
		return prose == null ? null : with(prose, sourceLanguage);
	}

	/** The facts with the given prose. */
	Brief with(Prose prose, boolean sourceLanguage) {
		List<Brief.Quote> rendered = new ArrayList<>();
		for (int i = 0; i < this.quotes.size(); i++) {
			Brief.Quote quote = this.quotes.get(i);
			if (sourceLanguage) {
				rendered.add(quote);
			}
			else if (i < prose.quotes().size()) {
				rendered.add(new Brief.Quote(quote.speaker(), prose.quotes().get(i)));
			}
		}
		return new Brief(prose.headline(), prose.summary(), prose.keyPoints(), this.people, this.organisations,
				this.places, prose.figures(), rendered, prose.topics());
	}

	/**
	 * A draft whose facts and prose for every given language are those of one brief: what
	 * a rehearsal answers in place of a model.
	 */
	static BriefDraft of(Brief brief, List<String> languages) {
		Map<String, Prose> briefs = new LinkedHashMap<>();
		languages.forEach((language) -> briefs.put(language, Prose.of(brief)));
		return new BriefDraft(brief.people(), brief.organisations(), brief.places(), brief.quotes(), briefs);
	}

}
