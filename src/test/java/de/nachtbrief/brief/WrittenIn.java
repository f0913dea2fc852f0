package de.nachtbrief.brief;

import java.util.Arrays;
import java.util.List;

/**
 * What the scripted test models write in a language other than German: a short text in
 * that language and script (so that the language check passes) that quotes the German
 * brief's first words (so that a test still sees which source a brief was made from).
 */
public final class WrittenIn {

	private WrittenIn() {
	}

	/** The German prose as the scripted models write it in {@code language}. */
	static BriefDraft.Prose prose(String language, BriefDraft.Prose german) {
		if (language.equals("de")) {
			return german;
		}
		return new BriefDraft.Prose(sentence(language, "headline", firstWords(german.headline(), 4)),
				sentence(language, "summary", firstWords(german.summary(), 6)),
				german.keyPoints().stream().map((point) -> sentence(language, "point", firstWords(point, 5))).toList(),
				german.figures(), german.quotes(), german.topics());
	}

	/**
	 * A headline, summary or key point ({@code kind}) in {@code language} quoting
	 * {@code words}, tagged with the language.
	 */
	public static String sentence(String language, String kind, String words) {
		return switch (language) {
			case "zh" -> switch (kind) {
				case "headline" -> "【简体】新闻：" + words;
				case "summary" -> "【简体】本文开头写道：“" + words + "”。这是为测试这项服务而写的简短中文摘要。";
				default -> "【简体】要点：“" + words + "”。";
			};
			case "zh-Hant" -> switch (kind) {
				case "headline" -> "【繁體】新聞：" + words;
				case "summary" -> "【繁體】本文開頭寫道：「" + words + "」。這是為測試這項服務而寫的簡短中文摘要。";
				default -> "【繁體】要點：「" + words + "」。";
			};
			default -> switch (kind) {
				case "headline" -> "[" + language + "] News: " + words;
				case "summary" -> "[" + language + "] The article opens with the words „" + words
						+ "“. This short summary in English was written for a test of the service.";
				default -> "[" + language + "] One more detail from the source: „" + words + "“.";
			};
		};
	}

	public static String firstWords(String text, int count) {
		List<String> words = Arrays.asList(text.strip().split("\\s+"));
		return String.join(" ", words.subList(0, Math.min(count, words.size())));
	}

}
