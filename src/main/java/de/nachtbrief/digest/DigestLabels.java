package de.nachtbrief.digest;

import java.util.Map;

/**
 * The digest's own headings and phrases in the reader's language; those it shares with
 * the briefs are in {@link de.nachtbrief.brief.Labels}.
 */
record DigestLabels(String topStories, String contents, String moreStories, String alsoIn, String stories,
		String allInSection, String told) {

	private static final DigestLabels ENGLISH = new DigestLabels("Top stories", "Contents", "More stories", "also in",
			"stories", "All %d stories in “%s”", "Stories told by more than one source: %d");

	private static final Map<String, DigestLabels> BY_LANGUAGE = Map.of("en", ENGLISH, "de",
			new DigestLabels("Top-Meldungen", "Inhalt", "Weitere Meldungen", "auch in", "Meldungen",
					"Alle %d Meldungen unter „%s“", "Meldungen aus mehr als einer Quelle: %d"),
			"zh", new DigestLabels("头条", "目录", "更多报道", "另见", "篇报道", "“%2$s”下的全部 %1$d 篇报道", "有多个来源的报道：%d 篇"), "zh-Hant",
			new DigestLabels("頭條", "目錄", "更多報導", "另見", "篇報導", "「%2$s」下的全部 %1$d 篇報導", "有多個來源的報導：%d 篇"));

	static DigestLabels of(String language) {
		return BY_LANGUAGE.getOrDefault(language, ENGLISH);
	}

}
