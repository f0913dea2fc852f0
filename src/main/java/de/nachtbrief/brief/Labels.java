package de.nachtbrief.brief;

import java.util.Map;

/** Section headings in the reader's language. */
public record Labels(String keyPoints, String figures, String quotes, String people, String organisations,
		String places, String topics, String source, String notes, String digest, String failed, String newBriefs) {

	private static final Labels ENGLISH = new Labels("Key points", "Figures", "Quotes", "People", "Organisations",
			"Places", "Topics", "Source", "Notes", "Digest", "Could not be briefed", "new briefs");

	private static final Map<String, Labels> BY_LANGUAGE = Map.of("en", ENGLISH, "de",
			new Labels("Kernpunkte", "Zahlen", "Zitate", "Personen", "Organisationen", "Orte", "Themen", "Quelle",
					"Hinweise", "Überblick", "Nicht verarbeitet", "neue Briefings"),
			"zh", new Labels("要点", "数据", "引语", "人物", "机构", "地点", "主题", "来源", "说明", "摘要汇编", "无法处理", "篇新简报"), "zh-Hant",
			new Labels("要點", "數據", "引語", "人物", "機構", "地點", "主題", "來源", "說明", "摘要彙編", "無法處理", "篇新簡報"));

	public static Labels of(String language) {
		return BY_LANGUAGE.getOrDefault(language, ENGLISH);
	}

}
