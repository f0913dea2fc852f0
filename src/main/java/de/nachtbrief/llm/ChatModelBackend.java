package de.nachtbrief.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/** A {@link ModelBackend} over a LangChain4j {@link ChatModel}: one structured call per {@link #ask}. */
final class ChatModelBackend implements ModelBackend {

	private static final ObjectMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String name;

	private final BackendProperties.Backend config;

	private final ChatModel chatModel;

	ChatModelBackend(String name, BackendProperties.Backend config, ChatModel chatModel) {
		this.name = name;
		this.config = config;
		this.chatModel = chatModel;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String model() {
		return this.config.model();
	}

	@Override
	public int contextWindow() {
		return this.config.contextWindow();
	}

	@Override
	public int maxConcurrency() {
		return this.config.maxConcurrency();
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, Class<T> answerType) {
		ChatRequest request = ChatRequest.builder()
			.messages(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user()))
			.responseFormat(ResponseFormat.builder()
				.type(ResponseFormatType.JSON)
				.jsonSchema(JsonSchema.builder()
					.name(answerType.getSimpleName())
					.rootElement(RecordSchemas.of(answerType))
					.build())
				.build())
			.build();
		ChatResponse response = call(request);
		Usage usage = usageOf(response.tokenUsage());
		if (response.finishReason() == FinishReason.LENGTH) {
			throw new ModelAnswerException(
					"the model's answer was cut off at its token limit; the document may need a model with a larger window",
					usage, null);
		}
		String text = response.aiMessage().text();
		try {
			return new Answer<>(json.readValue(stripFence(text), answerType), usage);
		}
		catch (JsonProcessingException | IllegalArgumentException | NullPointerException ex) {
			throw new ModelAnswerException("the model's answer is not the JSON that was asked for: "
					+ ex.getClass().getSimpleName(), usage, ex);
		}
	}

	private ChatResponse call(ChatRequest request) {
		try {
			return this.chatModel.chat(request);
		}
		catch (AuthenticationException ex) {
			throw new BackendUnavailableException("backend '" + this.name + "' refused the API key"
					+ (this.config.apiKeyEnv() != null ? " (from " + this.config.apiKeyEnv() + ")" : "") + ": "
					+ ex.getMessage(), ex);
		}
		catch (ModelNotFoundException ex) {
			throw new BackendUnavailableException(
					"backend '" + this.name + "' does not know the model '" + model() + "': " + ex.getMessage(), ex);
		}
		catch (UnresolvedModelServerException ex) {
			throw new BackendUnavailableException(
					"backend '" + this.name + "' is unreachable at " + this.config.baseUrl() + ": " + ex.getMessage(),
					ex);
		}
		catch (RuntimeException ex) {
			if (causedByConnectionRefused(ex)) {
				throw new BackendUnavailableException(
						"backend '" + this.name + "' is unreachable at " + this.config.baseUrl(), ex);
			}
			throw new ModelAnswerException("the call to backend '" + this.name + "' failed: " + ex.getMessage(),
					Usage.NONE, ex);
		}
	}

	private static boolean causedByConnectionRefused(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.ConnectException || cause instanceof java.nio.channels.UnresolvedAddressException
					|| cause instanceof java.net.UnknownHostException) {
				return true;
			}
		}
		return false;
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

	private static Usage usageOf(TokenUsage tokens) {
		if (tokens == null) {
			return new Usage(0, 0, 1);
		}
		return new Usage(orZero(tokens.inputTokenCount()), orZero(tokens.outputTokenCount()), 1);
	}

	private static long orZero(Integer value) {
		return value == null ? 0 : value;
	}

}
