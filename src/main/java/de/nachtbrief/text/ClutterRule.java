package de.nachtbrief.text;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of web-page leftover: a pattern matched against a single trimmed line and what
 * to do when it matches.
 */
record ClutterRule(String name, Pattern pattern, Action action) {

	ClutterRule {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(pattern, "pattern");
		Objects.requireNonNull(action, "action");
	}

	static ClutterRule of(String name, Action action, String regex) {
		return new ClutterRule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), action);
	}

	boolean matches(String line) {
		return this.pattern.matcher(line).find();
	}

	/** What happens to the matching line and the lines after it. */
	enum Action {

		/** Drop the line. */
		DROP,

		/**
		 * Drop the line and a short promotional line right after it (newsletter pitches
		 * come in pairs).
		 */
		DROP_WITH_PROMO,

		/**
		 * Drop the line and a short name line right after it ("Von" on its own line
		 * precedes the author).
		 */
		DROP_WITH_NAME,

		/** Drop the line and everything after it up to the next long paragraph. */
		START_TEASER

	}

}
