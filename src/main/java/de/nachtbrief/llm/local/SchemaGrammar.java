package de.nachtbrief.llm.local;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.kherud.llama.LlamaModel;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;

/**
 * Turns a request's JSON schema into a llama.cpp grammar, which constrains every token
 * the model may write, so the answer cannot be anything but JSON of that shape.
 */
final class SchemaGrammar {

	private static final ObjectMapper json = new ObjectMapper();

	private SchemaGrammar() {
	}

	/**
	 * llama.cpp's grammar for the response format's JSON schema, or null for free text.
	 */
	static String of(ResponseFormat format) {
		if (format == null || format.type() != ResponseFormatType.JSON) {
			return null;
		}
		if (format.jsonSchema() == null) {
			return LlamaModel.jsonSchemaToGrammar("{\"type\":\"object\"}");
		}
		try {
			Map<String, Object> schema = JsonSchemaElementUtils.toMap(format.jsonSchema().rootElement());
			nonEmptyStrings(schema);
			return LlamaModel.jsonSchemaToGrammar(json.writeValueAsString(schema));
		}
		catch (JsonProcessingException ex) {
			throw new InvalidRequestException("the answer's JSON schema cannot be written: " + ex.getMessage());
		}
	}

	/**
	 * Gives every string in the schema at least one character: a small model that would
	 * answer {@code ""} must write something, which the grounding check can then judge.
	 */
	@SuppressWarnings("unchecked")
	private static void nonEmptyStrings(Object schema) {
		if (schema instanceof Map<?, ?> node) {
			if ("string".equals(node.get("type")) && !node.containsKey("enum")) {
				((Map<String, Object>) node).put("minLength", 1);
			}
			node.values().forEach(SchemaGrammar::nonEmptyStrings);
		}
		else if (schema instanceof List<?> items) {
			items.forEach(SchemaGrammar::nonEmptyStrings);
		}
	}

}
