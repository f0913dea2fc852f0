package de.nachtbrief.llm;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * The JSON an answer must have: a record type and, for each of its {@code Map}
 * components, the exact keys the map must hold (the target languages of a brief, say).
 * The keys go into the schema as required properties, so a backend that enforces schemas
 * cannot leave one out, and an answer that lacks one anyway is unusable. A
 * {@code partial} map component is required in the schema too, but an answer that lacks
 * some of its keys, or has unusable values under them, is still an answer: the caller
 * checks each value (several documents briefed in one call, say, each usable or not on
 * its own).
 */
public record AnswerFormat<T>(Class<T> type, Map<String, List<String>> keys, Set<String> partial) {

	private static final ObjectMapper json = new ObjectMapper();

	public AnswerFormat {
		Objects.requireNonNull(type, "type");
		keys = Map.copyOf(keys);
		partial = Set.copyOf(partial);
	}

	public static <T> AnswerFormat<T> of(Class<T> type) {
		return new AnswerFormat<>(type, Map.of(), Set.of());
	}

	/** The same format, with the keys the map component {@code component} must hold. */
	public AnswerFormat<T> withKeys(String component, List<String> mapKeys) {
		Map<String, List<String>> all = new LinkedHashMap<>(this.keys);
		all.put(component, List.copyOf(mapKeys));
		return new AnswerFormat<>(this.type, all, this.partial);
	}

	/**
	 * The same format, with the keys the map component {@code component} is asked for,
	 * each of which the answer may lack or get wrong on its own.
	 */
	public AnswerFormat<T> withPartialKeys(String component, List<String> mapKeys) {
		Set<String> all = new HashSet<>(this.partial);
		all.add(component);
		return new AnswerFormat<>(this.type, withKeys(component, mapKeys).keys(), all);
	}

	/**
	 * Why {@code value} is no usable answer in this format (an empty text, a map without
	 * a key asked for), or empty when it is one.
	 */
	public Optional<String> problemWith(T value) {
		try {
			JsonAnswers.requireContent(value, this);
			return Optional.empty();
		}
		catch (JsonAnswers.UnusableAnswerException ex) {
			return Optional.of(ex.getMessage());
		}
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
