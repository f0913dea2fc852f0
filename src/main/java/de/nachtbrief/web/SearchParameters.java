package de.nachtbrief.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.web.util.UriComponentsBuilder;

import de.nachtbrief.store.DocumentStatus;

/** The search's query parameters, as the page's form and the API take them. */
final class SearchParameters {

	private SearchParameters() {
	}

	/**
	 * @throws IllegalArgumentException with a message for the reader when an outcome or a
	 * date is not one
	 */
	static BriefSearch.Filters filters(String query, String job, String language, String topic, String outcome,
			String from, String to, int page) {
		return new BriefSearch.Filters(blankToNull(query), blankToNull(job), blankToNull(language), blankToNull(topic),
				outcome(outcome), date("from", from), date("to", to), page);
	}

	/** The page's link with every filter but the page number, which is appended. */
	static String pageLink(BriefSearch.Filters filters) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/search");
		add(link, "q", filters.query());
		add(link, "job", filters.job());
		add(link, "language", filters.language());
		add(link, "topic", filters.topic());
		add(link, "outcome", filters.outcome() == null ? null : filters.outcome().name());
		add(link, "from", filters.from() == null ? null : filters.from().toString());
		add(link, "to", filters.to() == null ? null : filters.to().toString());
		return link.queryParam("page", "").encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder link, String name, String value) {
		if (value != null) {
			link.queryParam(name, value);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static DocumentStatus outcome(String outcome) {
		if (blankToNull(outcome) == null) {
			return null;
		}
		try {
			return DocumentStatus.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("no outcome '" + outcome + "': briefed, failed, skipped or pending");
		}
	}

	private static LocalDate date(String name, String date) {
		if (blankToNull(date) == null) {
			return null;
		}
		try {
			return LocalDate.parse(date.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + name + "' is not a date like 2026-12-04: '" + date + "'");
		}
	}

}
