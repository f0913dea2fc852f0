package de.nachtbrief.definition;

import java.util.Arrays;

/**
 * A language a brief can be written in; {@code code} is what job files and file names
 * use.
 */
public enum Language {

	DE("de", "German"), EN("en", "English"), ZH("zh", "Simplified Chinese (简体中文)"),
	ZH_HANT("zh-Hant", "Traditional Chinese (繁體中文)");

	private final String code;

	private final String displayName;

	Language(String code, String displayName) {
		this.code = code;
		this.displayName = displayName;
	}

	public String code() {
		return this.code;
	}

	/** The name a prompt uses to ask for this language. */
	public String displayName() {
		return this.displayName;
	}

	public static Language fromCode(String code) {
		return Arrays.stream(values())
			.filter((language) -> language.code.equalsIgnoreCase(code.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"unknown language '" + code + "'; use one of de, en, zh, zh-Hant"));
	}

}
