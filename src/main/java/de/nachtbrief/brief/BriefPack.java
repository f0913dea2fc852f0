package de.nachtbrief.brief;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one call answers for several short sources: each source's draft, keyed by its
 * number in the call ({@code "1"}, {@code "2"}, …).
 */
public record BriefPack(Map<String, BriefDraft> documents) {

	/** The map component whose keys are the sources' numbers. */
	static final String DOCUMENTS = "documents";

	public BriefPack {
		documents = documents == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(documents));
	}

}
