package de.nachtbrief.llm;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * A JSON schema for a record type, in the strict form structured-output APIs want: every
 * property required, no additional properties. Supports strings, numbers, lists and
 * nested records, which is all the answers need.
 */
final class RecordSchemas {

	private RecordSchemas() {
	}

	static JsonObjectSchema of(Class<?> recordType) {
		if (!recordType.isRecord()) {
			throw new IllegalArgumentException(recordType.getName() + " is not a record");
		}
		JsonObjectSchema.Builder object = JsonObjectSchema.builder();
		for (RecordComponent component : recordType.getRecordComponents()) {
			object.addProperty(component.getName(), element(component.getGenericType()));
		}
		return object.required(Arrays.stream(recordType.getRecordComponents()).map(RecordComponent::getName).toList())
			.additionalProperties(false)
			.build();
	}

	private static JsonSchemaElement element(Type type) {
		if (type instanceof ParameterizedType list && list.getRawType() == java.util.List.class) {
			return JsonArraySchema.builder().items(element(list.getActualTypeArguments()[0])).build();
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
			return of(nested);
		}
		throw new IllegalArgumentException("no JSON schema mapping for " + type.getTypeName());
	}

}
