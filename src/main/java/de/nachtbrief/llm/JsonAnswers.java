package de.nachtbrief.llm;

import java.lang.reflect.RecordComponent;

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

	static <T> T parse(ChatResponse response, Class<T> answerType) throws UnusableAnswerException {
		if (response.finishReason() == FinishReason.LENGTH) {
			throw new UnusableAnswerException("it was cut off at the output token limit; keep it shorter");
		}
		String text = response.aiMessage() != null ? response.aiMessage().text() : null;
		try {
			T value = json.readValue(stripFence(text), answerType);
			if (value == null) {
				throw new UnusableAnswerException("it was empty or null");
			}
			requireText(value);
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
	 * small models fill a schema with empty strings rather than fail.
	 */
	private static void requireText(Object value) throws UnusableAnswerException {
		if (!value.getClass().isRecord()) {
			return;
		}
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			if (component.getType() != String.class) {
				continue;
			}
			Object text;
			try {
				text = component.getAccessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if (text == null || ((String) text).isBlank()) {
				throw new UnusableAnswerException("'" + component.getName() + "' is empty; write it");
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
