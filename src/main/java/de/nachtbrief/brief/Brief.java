package de.nachtbrief.brief;

import java.util.List;
import java.util.Objects;

/**
 * The structured brief of one document in one language: what a model (or the extractive
 * summarizer) answers. Names in {@code people}, {@code organisations} and {@code places}
 * stay as written in the source.
 */
public record Brief(String headline, String summary, List<String> keyPoints, List<String> people,
		List<String> organisations, List<String> places, List<Figure> figures, List<Quote> quotes,
		List<String> topics) {

	public Brief {
		Objects.requireNonNull(headline, "headline");
		Objects.requireNonNull(summary, "summary");
		keyPoints = copy(keyPoints);
		people = copy(people);
		organisations = copy(organisations);
		places = copy(places);
		figures = copy(figures);
		quotes = copy(quotes);
		topics = copy(topics);
	}

	/** An unmodifiable copy; a list the model left out is empty. */
	static <T> List<T> copy(List<T> list) {
		return list == null ? List.of() : List.copyOf(list);
	}

	/** A number with the words around it that say what it counts. */
	public record Figure(String value, String context) {

		/** As a reader sees it, also where the check reports it removed. */
		@Override
		public String toString() {
			return this.value + " — " + this.context;
		}

	}

	/** A verbatim quote and who said it. */
	public record Quote(String speaker, String text) {

		/** As a reader sees it, also where the check reports it removed. */
		@Override
		public String toString() {
			return "„" + this.text + "“" + (this.speaker == null || this.speaker.isBlank() ? "" : " — " + this.speaker);
		}

	}

}
