package de.nachtbrief.definition;

/** Renderings written besides the JSON brief, which is always written. */
public enum OutputFormat {

	MARKDOWN, HTML

}
