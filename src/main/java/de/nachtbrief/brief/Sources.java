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

	/**
	 * Adds the note, in the reader's language, that the brief could not be translated
	 * into it.
	 */
	static List<String> untranslated(List<String> notes, String writtenIn, String readerLanguage) {
		List<String> withNote = new ArrayList<>(notes);
		String name = languageName(writtenIn);
		withNote.add(switch (readerLanguage) {
			case "zh" -> "本简报为原文语言（" + Locale.forLanguageTag(writtenIn).getDisplayLanguage(Locale.SIMPLIFIED_CHINESE)
					+ "）：翻译需要模型后端（例如用 model pull 下载的本地模型，或 --backend openai）。";
			case "zh-Hant" ->
				"本簡報為原文語言（" + Locale.forLanguageTag(writtenIn).getDisplayLanguage(Locale.TRADITIONAL_CHINESE)
						+ "）：翻譯需要模型後端（例如用 model pull 下載的本地模型，或 --backend openai）。";
			case "de" -> "Dieses Briefing ist in der Sprache der Quelle (" + name
					+ "): Eine Übersetzung braucht ein Modell-Backend (zum Beispiel ein lokales Modell über model pull, oder --backend openai).";
			default -> "This brief is in " + name
					+ ": translation needs a model backend (for example a local model from model pull, or --backend openai).";
		});
		return withNote;
	}

	static String languageName(String code) {
		if (code == null || code.equals("und")) {
			return "the language of the source";
		}
		return Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
	}

}
