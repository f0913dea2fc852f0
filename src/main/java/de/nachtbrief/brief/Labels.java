package de.nachtbrief.brief;

import java.util.List;
import java.util.Map;

/**
 * Section headings in the reader's language; {@code checked} says what the grounding
 * check held to the source, {@code takenOut} heads what it removed, {@code glossaryUse}
 * says which glossary entries a brief used and which it missed.
 */
public record Labels(String keyPoints, String figures, String quotes, String people, String organisations,
		String places, String topics, String source, String notes, String digest, String failed, String newBriefs,
		String checked, String takenOut, String budgetReached, String glossary, String glossaryUse) {

	private static final Labels ENGLISH = new Labels("Key points", "Figures", "Quotes", "People", "Organisations",
			"Places", "Topics", "Source", "Notes", "Digest", "Could not be briefed", "new briefs",
			"Checked against the source: numbers, names, quotes and links", "Taken out, not in the source",
			"This run reached its budget: %d documents are left for the next run.", "Glossary", "used %s; not used %s");

	private static final Map<String, Labels> BY_LANGUAGE = Map.of("en", ENGLISH, "de",
			new Labels("Kernpunkte", "Zahlen", "Zitate", "Personen", "Organisationen", "Orte", "Themen", "Quelle",
					"Hinweise", "Überblick", "Nicht verarbeitet", "neue Briefings",
					"Mit der Quelle abgeglichen: Zahlen, Namen, Zitate und Links", "Entfernt, nicht in der Quelle",
					"Dieser Lauf hat sein Budget erreicht: %d Dokumente bleiben für den nächsten Lauf.", "Glossar",
					"verwendet %s; nicht verwendet %s"),
			"zh",
			new Labels("要点", "数据", "引语", "人物", "机构", "地点", "主题", "来源", "说明", "摘要汇编", "无法处理", "篇新简报",
					"已与原文核对：数字、名称、引语和链接", "已删除（原文中没有）", "本次运行已达到预算上限：%d 篇文档留待下次运行。", "术语表", "已使用 %s；未使用 %s"),
			"zh-Hant", new Labels("要點", "數據", "引語", "人物", "機構", "地點", "主題", "來源", "說明", "摘要彙編", "無法處理", "篇新簡報",
					"已與原文核對：數字、名稱、引語和連結", "已刪除（原文中沒有）", "本次執行已達預算上限：%d 篇文件留待下次執行。", "術語表", "已使用 %s；未使用 %s"));

	/** Which glossary entries a brief used and which it missed, in this language. */
	public String glossaryUseOf(Glossary.Use use) {
		return this.glossaryUse.formatted(listed(use.used()), listed(use.missed()));
	}

	private static String listed(List<String> entries) {
		return entries.isEmpty() ? "–" : String.join(", ", entries);
	}

	public static Labels of(String language) {
		return BY_LANGUAGE.getOrDefault(language, ENGLISH);
	}

}
