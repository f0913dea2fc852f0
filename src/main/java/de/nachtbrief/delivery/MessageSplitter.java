package de.nachtbrief.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Cuts a digest into numbered parts that each fit a channel's limit: on paragraph
 * boundaries where it can, else on line boundaries, and only a single over-long line by
 * characters (never inside a surrogate pair).
 */
final class MessageSplitter {

	/** The longest numbering a part gets, kept free in every part. */
	private static final String RESERVED = "(99/99)\n\n";

	private MessageSplitter() {
	}

	/**
	 * The parts, numbered {@code (1/3)} when there is more than one.
	 * @param fits whether a part's text is within the channel's limit
	 */
	static List<String> split(String text, Predicate<String> fits) {
		Predicate<String> fitsNumbered = (candidate) -> fits.test(RESERVED + candidate);
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String paragraph : pieces(text.strip(), "\n\n", fitsNumbered)) {
			String joined = current.isEmpty() ? paragraph : current + "\n\n" + paragraph;
			if (fitsNumbered.test(joined)) {
				current.setLength(0);
				current.append(joined);
			}
			else {
				parts.add(current.toString());
				current.setLength(0);
				current.append(paragraph);
			}
		}
		if (!current.isEmpty() || parts.isEmpty()) {
			parts.add(current.toString());
		}
		if (parts.size() == 1) {
			return parts;
		}
		List<String> numbered = new ArrayList<>();
		for (int i = 0; i < parts.size(); i++) {
			numbered.add("(" + (i + 1) + "/" + parts.size() + ")\n\n" + parts.get(i));
		}
		return numbered;
	}

	/** Paragraphs, with any that do not fit alone broken into lines or characters. */
	private static List<String> pieces(String text, String separator, Predicate<String> fits) {
		List<String> pieces = new ArrayList<>();
		for (String piece : text.split(separator)) {
			if (piece.isBlank()) {
				continue;
			}
			if (fits.test(piece)) {
				pieces.add(piece);
			}
			else if (separator.equals("\n\n")) {
				pieces.addAll(joinLines(pieces(piece, "\n", fits), fits));
			}
			else {
				pieces.addAll(cut(piece, fits));
			}
		}
		return pieces;
	}

	/** Lines of one paragraph, joined back as far as they fit. */
	private static List<String> joinLines(List<String> lines, Predicate<String> fits) {
		List<String> joined = new ArrayList<>();
		String current = null;
		for (String line : lines) {
			String candidate = current == null ? line : current + "\n" + line;
			if (fits.test(candidate)) {
				current = candidate;
			}
			else {
				joined.add(current);
				current = line;
			}
		}
		if (current != null) {
			joined.add(current);
		}
		return joined;
	}

	private static List<String> cut(String line, Predicate<String> fits) {
		List<String> cuts = new ArrayList<>();
		String rest = line;
		while (!rest.isEmpty()) {
			int low = 1;
			int high = rest.length();
			while (low < high) {
				int middle = (low + high + 1) >>> 1;
				if (fits.test(rest.substring(0, middle))) {
					low = middle;
				}
				else {
					high = middle - 1;
				}
			}
			int end = Character.isHighSurrogate(rest.charAt(low - 1)) && low < rest.length() ? low - 1 : low;
			cuts.add(rest.substring(0, Math.max(1, end)));
			rest = rest.substring(Math.max(1, end));
		}
		return cuts;
	}

}
