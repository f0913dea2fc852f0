package de.nachtbrief.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a sentence that is longer than a chunk into parts of at most a given number of
 * tokens, on word boundaries; a single word longer than that (a pasted URL, say) is cut
 * between characters.
 */
final class WordCutter {

	private final TokenCounter counter;

	WordCutter(TokenCounter counter) {
		this.counter = counter;
	}

	List<Part> cut(String sentence, int maxTokens) {
		if (this.counter.count(sentence) <= maxTokens) {
			return List.of(new Part(sentence, false));
		}
		List<Part> parts = new ArrayList<>();
		StringBuilder part = new StringBuilder();
		for (String word : sentence.split(" ")) {
			String candidate = part.isEmpty() ? word : part + " " + word;
			if (this.counter.count(candidate) <= maxTokens) {
				part.setLength(0);
				part.append(candidate);
				continue;
			}
			if (!part.isEmpty()) {
				parts.add(new Part(part.toString(), false));
				part.setLength(0);
			}
			if (this.counter.count(word) <= maxTokens) {
				part.append(word);
			}
			else {
				parts.addAll(cutBetweenCharacters(word, maxTokens));
			}
		}
		if (!part.isEmpty()) {
			parts.add(new Part(part.toString(), false));
		}
		return parts;
	}

	private List<Part> cutBetweenCharacters(String word, int maxTokens) {
		List<Part> parts = new ArrayList<>();
		int start = 0;
		while (start < word.length()) {
			int end = Math.min(word.length(), start + maxTokens);
			while (end > start + 1 && this.counter.count(word.substring(start, end)) > maxTokens) {
				end = start + (end - start) / 2;
			}
			if (end < word.length() && end - 1 > start && Character.isHighSurrogate(word.charAt(end - 1))) {
				end--;
			}
			parts.add(new Part(word.substring(start, end), start > 0));
			start = end;
		}
		return parts;
	}

	/**
	 * A part of a sentence; {@code continuesWord} when it was cut from the middle of a
	 * word.
	 */
	record Part(String text, boolean continuesWord) {
	}

}
