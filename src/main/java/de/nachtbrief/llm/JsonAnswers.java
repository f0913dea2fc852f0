package de.nachtbrief.llm;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;

/**
 * Reads a structured answer out of a chat response, or says in one line why it cannot.
 */
final class JsonAnswers {

	private static final ObjectMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private JsonAnswers() {
	}

	static <T> T parse(ChatResponse response, AnswerFormat<T> format) throws UnusableAnswerException {
		if (response.finishReason() == FinishReason.LENGTH) {
			throw new UnusableAnswerException("it was cut off at the output token limit; keep it shorter");
		}
		String text = response.aiMessage() != null ? response.aiMessage().text() : null;
		try {
			T value = json.readValue(stripFence(text), format.type());
			if (value == null) {
				throw new UnusableAnswerException("it was empty or null");
			}
			requireContent(value, format);
			return value;
		}
		catch (JsonProcessingException ex) {
			throw new UnusableAnswerException(oneLine(ex.getOriginalMessage()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new UnusableAnswerException(ex.getClass().getSimpleName() + ": " + oneLine(ex.getMessage()));
		}
	}

	/**
	 * An answer's own text fields (a brief's headline and summary) must say something:
	 * small models fill a schema with empty strings rather than fail. The same holds for
	 * nested records and for every value of a map, which must hold every key asked for
	 * (unless the map is partial: its caller checks each value). List entries are not
	 * checked: a quote's speaker may rightly be empty.
	 */
	static void requireContent(Object value, AnswerFormat<?> format) throws UnusableAnswerException {
		requireContent(value, "", format);
	}

	private static void requireContent(Object value, String path, AnswerFormat<?> format)
			throws UnusableAnswerException {
		if (!value.getClass().isRecord()) {
			return;
		}
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			Object field;
			try {
				field = component.getAccessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			String name = path + component.getName();
			if (component.getType() == String.class && (field == null || ((String) field).isBlank())) {
				throw new UnusableAnswerException("'" + name + "' is empty; write it");
			}
			if (field instanceof Map<?, ?> map && !format.partial().contains(component.getName())) {
				for (String key : format.keys().getOrDefault(component.getName(), List.of())) {
					if (map.get(key) == null) {
						throw new UnusableAnswerException(
								"'" + name + "' lacks '" + key + "'; write every one asked for");
					}
					requireContent(map.get(key), name + "." + key + ".", format);
				}
			}
			else if (field != null && field.getClass().isRecord()) {
				requireContent(field, name + ".", format);
			}
		}
	}

	/** Some servers wrap JSON in a Markdown fence even when asked for JSON. */
	private static String stripFence(String text) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.startsWith("```")) {
			int start = trimmed.indexOf('\n');
			int end = trimmed.lastIndexOf("```");
			if (start > 0 && end > start) {
				return trimmed.substring(start + 1, end);
			}
		}
		return trimmed;
	}

	private static String oneLine(String text) {
		String line = text == null ? "" : text.replaceAll("\\s+", " ").strip();
		return line.length() > 300 ? line.substring(0, 300) + "…" : line;
	}

	/**
	 * Why an answer cannot be used; the text goes back to the model, so it names the
	 * problem, not the answer.
	 */
	static final class UnusableAnswerException extends Exception {

		UnusableAnswerException(String reason) {
			super(reason);
		}

	}

}
