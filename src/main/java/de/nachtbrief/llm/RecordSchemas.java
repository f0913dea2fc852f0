package de.nachtbrief.llm;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * A JSON schema for a record type, in the strict form structured-output APIs want: every
 * property required, no additional properties. Supports strings, numbers, lists and
 * nested records, which is all the answers need, and maps from string keys whose keys are
 * given (see {@link AnswerFormat}).
 */
final class RecordSchemas {

	private RecordSchemas() {
	}

	static JsonObjectSchema of(Class<?> recordType) {
		return of(recordType, Map.of());
	}

	/**
	 * A map's value type is defined once under {@code $defs} and referred to per key: the
	 * schema is sent with every call, and a brief's prose repeated per language would
	 * cost its tokens once per language.
	 * @param mapKeys the keys of each map component, by the component's name
	 */
	static JsonObjectSchema of(Class<?> recordType, Map<String, List<String>> mapKeys) {
		Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
		JsonObjectSchema root = object(recordType, mapKeys, definitions);
		if (definitions.isEmpty()) {
			return root;
		}
		return JsonObjectSchema.builder()
			.addProperties(root.properties())
			.required(root.required())
			.additionalProperties(false)
			.definitions(definitions)
			.build();
	}

	private static JsonObjectSchema object(Class<?> recordType, Map<String, List<String>> mapKeys,
			Map<String, JsonSchemaElement> definitions) {
		if (!recordType.isRecord()) {
			throw new IllegalArgumentException(recordType.getName() + " is not a record");
		}
		JsonObjectSchema.Builder object = JsonObjectSchema.builder();
		for (RecordComponent component : recordType.getRecordComponents()) {
			object.addProperty(component.getName(),
					element(component.getName(), component.getGenericType(), mapKeys, definitions));
		}
		return object.required(Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList())
			.additionalProperties(false)
			.build();
	}

	private static JsonSchemaElement element(String name, Type type, Map<String, List<String>> mapKeys,
			Map<String, JsonSchemaElement> definitions) {
		if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
			return JsonArraySchema.builder()
				.items(element(name, list.getActualTypeArguments()[0], mapKeys, definitions))
				.build();
		}
		if (type instanceof ParameterizedType map && map.getRawType() == Map.class
				&& map.getActualTypeArguments()[0] == String.class) {
			List<String> keys = mapKeys.get(name);
			if (keys == null || keys.isEmpty()) {
				throw new IllegalArgumentException("the keys of map '" + name + "' are not given");
			}
			JsonSchemaElement value = element(name, map.getActualTypeArguments()[1], mapKeys, definitions);
			if (map.getActualTypeArguments()[1] instanceof Class<?> valueType && valueType.isRecord()) {
				definitions.put(valueType.getSimpleName(), value);
				value = JsonReferenceSchema.builder().reference(valueType.getSimpleName()).build();
			}
			JsonObjectSchema.Builder object = JsonObjectSchema.builder();
			for (String key : keys) {
				object.addProperty(key, value);
			}
			return object.required(keys).additionalProperties(false).build();
		}
		if (type == String.class) {
			return JsonStringSchema.builder().build();
		}
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return JsonIntegerSchema.builder().build();
		}
		if (type == double.class || type == Double.class) {
			return JsonNumberSchema.builder().build();
		}
		if (type instanceof Class<?> nested && nested.isRecord()) {
			return object(nested, mapKeys, definitions);
		}
		throw new IllegalArgumentException("no JSON schema mapping for " + type.getTypeName());
	}

}
