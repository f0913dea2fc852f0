package de.nachtbrief.llm;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.llm.JsonAnswers.UnusableAnswerException;
import de.nachtbrief.llm.local.LocalChatModel;

/**
 * A {@link ModelBackend} over a LangChain4j {@link ChatModel}: one structured call per
 * {@link #ask}, retried through {@link RetryingCaller}. An answer that is not the JSON
 * asked for, or was cut off, is asked for once more with the problem named, since models
 * usually fix it when told; a re-ask that does not fit the window leaves the answer
 * unusable rather than the document too long.
 */
final class ChatModelBackend implements ModelBackend {

	private static final Logger log = LoggerFactory.getLogger(ChatModelBackend.class);

	private final String name;

	private final BackendProperties.Backend config;

	private final ChatModel chatModel;

	private final RetryingCaller caller;

	ChatModelBackend(String name, BackendProperties.Backend config, ChatModel chatModel, RetryingCaller caller) {
		this.name = name;
		this.config = config;
		this.chatModel = chatModel;
		this.caller = caller;
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
	public String parameters() {
		String temperature = "temperature=" + this.config.temperature();
		// A local model file replaced under the same name must not get the old answers.
		return this.chatModel instanceof LocalChatModel local ? temperature + ", " + local.fileIdentity() : temperature;
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, Class<T> answerType) {
		ResponseFormat format = ResponseFormat.builder()
			.type(ResponseFormatType.JSON)
			.jsonSchema(JsonSchema.builder()
				.name(answerType.getSimpleName())
				.rootElement(RecordSchemas.of(answerType))
				.build())
			.build();
		List<ChatMessage> messages = new ArrayList<>(
				List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())));
		ChatResponse first = chat(messages, format);
		Usage usage = usageOf(first.tokenUsage());
		String problem;
		try {
			return answer(JsonAnswers.parse(first, answerType), usage);
		}
		catch (UnusableAnswerException unusable) {
			problem = unusable.getMessage();
			log.warn("Backend '{}' gave an unusable answer ({}); asking once more", this.name, problem);
			messages.addAll(reAsk(first, problem));
		}
		ChatResponse second;
		try {
			second = chat(messages, format);
		}
		catch (ContextTooLongException tooLong) {
			// The question itself fitted, so smaller pieces of the document would not
			// help: only the re-ask did not fit, and the answer stays unusable.
			throw new ModelAnswerException(
					"backend '" + this.name + "' gave an unusable answer (" + problem
							+ ") and the question asked once more did not fit: " + tooLong.getMessage(),
					usage.plus(tooLong.usage()), tooLong);
		}
		usage = usage.plus(usageOf(second.tokenUsage()));
		try {
			return answer(JsonAnswers.parse(second, answerType), usage);
		}
		catch (UnusableAnswerException unusable) {
			throw new ModelAnswerException(
					"backend '" + this.name + "' answered twice without the JSON asked for: " + unusable.getMessage(),
					usage, unusable);
		}
	}

	/**
	 * The messages that ask once more, naming the problem. A cut-off answer is not sent
	 * back: it is as long as the model may write, and would crowd the question out of a
	 * small window.
	 */
	private static List<ChatMessage> reAsk(ChatResponse unusable, String problem) {
		if (unusable.finishReason() == FinishReason.LENGTH) {
			return List.of(UserMessage.from("Your previous answer was cut off at the output token limit, so it"
					+ " is left out here. Answer again with JSON only, and much shorter: keep every text brief."));
		}
		String previous = unusable.aiMessage() != null ? unusable.aiMessage().text() : null;
		UserMessage again = UserMessage.from("Your previous answer was not valid JSON for the schema: " + problem
				+ ". Answer again with JSON only.");
		return previous != null && !previous.isBlank() ? List.of(AiMessage.from(previous), again) : List.of(again);
	}

	private ChatResponse chat(List<ChatMessage> messages, ResponseFormat format) {
		ChatRequest request = ChatRequest.builder().messages(messages).responseFormat(format).build();
		return this.caller.call(() -> this.chatModel.chat(request));
	}

	private <T> Answer<T> answer(T value, Usage usage) {
		return new Answer<>(value, usage, this.name, model());
	}

	private Usage usageOf(TokenUsage tokens) {
		if (tokens == null) {
			return new Usage(0, 0, 1);
		}
		long input = orZero(tokens.inputTokenCount());
		long output = orZero(tokens.outputTokenCount());
		return new Usage(input, output, 1, this.config.cost(input, output));
	}

	private static long orZero(Integer value) {
		return value == null ? 0 : value;
	}

}
