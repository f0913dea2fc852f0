package de.nachtbrief.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * The JSON an answer must have: a record type and, for each of its {@code Map}
 * components, the exact keys the map must hold (the target languages of a brief, say).
 * The keys go into the schema as required properties, so a backend that enforces schemas
 * cannot leave one out, and an answer that lacks one anyway is unusable.
 */
public record AnswerFormat<T>(Class<T> type, Map<String, List<String>> keys) {

	public AnswerFormat {
		Objects.requireNonNull(type, "type");
		keys = Map.copyOf(keys);
	}

	public static <T> AnswerFormat<T> of(Class<T> type) {
		return new AnswerFormat<>(type, Map.of());
	}

	/** The same format, with the keys the map component {@code component} must hold. */
	public AnswerFormat<T> withKeys(String component, List<String> mapKeys) {
		Map<String, List<String>> all = new LinkedHashMap<>(this.keys);
		all.put(component, List.copyOf(mapKeys));
		return new AnswerFormat<>(this.type, all);
	}

	/** The schema's name, as structured-output APIs want one. */
	public String name() {
		return this.type.getSimpleName();
	}

	JsonObjectSchema schema() {
		return RecordSchemas.of(this.type, this.keys);
	}

}
