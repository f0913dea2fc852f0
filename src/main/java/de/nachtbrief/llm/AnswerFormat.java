package de.nachtbrief.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * The JSON an answer must have: a record type and, for each of its {@code Map}
 * components, the exact keys the map must hold (the target languages of a brief, say).
 * The keys go into the schema as required properties, so a backend that enforces schemas
 * cannot leave one out, and an answer that lacks one anyway is unusable.
 */
public record AnswerFormat<T>(Class<T> type, Map<String, List<String>> keys) {

	private static final ObjectMapper json = new ObjectMapper();

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

	/** The schema as a backend sends it, e.g. to count its tokens. */
	public String schemaJson() {
		try {
			return json.writeValueAsString(JsonSchemaElementUtils.toMap(schema()));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("a schema always serialises", ex);
		}
	}

	JsonObjectSchema schema() {
		return RecordSchemas.of(this.type, this.keys);
	}

}
