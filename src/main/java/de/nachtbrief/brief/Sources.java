package de.nachtbrief.brief;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import de.nachtbrief.extract.ExtractedDocument;

/**
 * What every briefer needs to know about a source besides its text: its language, and
 * notes for the reader.
 */
final class Sources {

	private Sources() {
	}

	record Source(String languageName, String groundingText, List<String> notes) {
	}

	static Source of(ExtractedDocument document) {
		List<String> notes = new ArrayList<>();
		String languageName = languageName(document.language());
		if (!document.isGerman()) {
			notes.add("The source is not in German: its language was detected as " + languageName + " ("
					+ document.language() + ").");
		}
		if (document.truncated()) {
			notes.add("The source was longer than the character limit; only its beginning was briefed.");
		}
		String title = document.title() != null ? document.title() + "\n" : "";
		return new Source(languageName, title + document.text(), List.copyOf(notes));
	}

	static List<String> untranslated(List<String> notes, String writtenIn) {
		List<String> withNote = new ArrayList<>(notes);
		withNote.add("This brief is in " + languageName(writtenIn)
				+ ": translation needs a model backend (for example --backend openai or ollama).");
		return withNote;
	}

	static String languageName(String code) {
		if (code == null || code.equals("und")) {
			return "the language of the source";
		}
		return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
	}

}
