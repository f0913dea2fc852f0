package de.nachtbrief.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import de.nachtbrief.Hashes;
import de.nachtbrief.llm.JsonAnswers.UnusableAnswerException;
import de.nachtbrief.llm.local.LocalChatModel;
import de.nachtbrief.text.TokenCounter;

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

	/**
	 * The provider's batch API, made on first use: it has an HTTP client of its own,
	 * which only a job in batch mode needs.
	 */
	private ProviderBatch batch;

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
	public Packing packing() {
		return this.config.packing();
	}

	@Override
	public double price(long inputTokens, long outputTokens) {
		return this.config.cost(inputTokens, outputTokens);
	}

	@Override
	public String parameters() {
		String temperature = "temperature=" + this.config.temperature();
		// A local model file replaced under the same name must not get the old answers.
		return this.chatModel instanceof LocalChatModel local ? temperature + ", " + local.fileIdentity() : temperature;
	}

	@Override
	public synchronized Optional<ProviderBatch> batch() {
		if (this.config.type() != BackendProperties.Type.OPENAI) {
			return Optional.empty();
		}
		if (this.batch == null) {
			this.batch = new ProviderBatch(this, this.config);
		}
		return Optional.of(this.batch);
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> answerFormat) {
		ResponseFormat format = responseFormat(answerFormat);
		List<ChatMessage> messages = messages(prompt);
		Reply first = chat(messages, format, prompt.boundary());
		Usage usage = first.usage();
		String problem;
		try {
			return answer(JsonAnswers.parse(first.response(), answerFormat), usage);
		}
		catch (UnusableAnswerException unusable) {
			problem = unusable.getMessage();
			log.warn("Backend '{}' gave an unusable answer ({}); asking once more", this.name, problem);
			messages.addAll(reAsk(first.response(), problem));
		}
		Reply second;
		try {
			second = chat(messages, format, prompt.boundary());
		}
		catch (ContextTooLongException tooLong) {
			// The question itself fitted, so smaller pieces of the document would not
			// help: only the re-ask did not fit, and the answer stays unusable.
			forget(first);
			throw new ModelAnswerException(
					"backend '" + this.name + "' gave an unusable answer (" + problem
							+ ") and the question asked once more did not fit: " + tooLong.getMessage(),
					usage.plus(tooLong.usage()), tooLong);
		}
		usage = usage.plus(second.usage());
		try {
			return answer(JsonAnswers.parse(second.response(), answerFormat), usage);
		}
		catch (UnusableAnswerException unusable) {
			forget(first, second);
			throw new ModelAnswerException(
					"backend '" + this.name + "' answered twice without the JSON asked for: " + unusable.getMessage(),
					usage, unusable);
		}
	}

	static ResponseFormat responseFormat(AnswerFormat<?> answerFormat) {
		return ResponseFormat.builder()
			.type(ResponseFormatType.JSON)
			.jsonSchema(JsonSchema.builder().name(answerFormat.name()).rootElement(answerFormat.schema()).build())
			.build();
	}

	static List<ChatMessage> messages(Prompt prompt) {
		return new ArrayList<>(List.of(SystemMessage.from(prompt.system()), UserMessage.from(prompt.user())));
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

	/**
	 * One request's answer, what it cost (nothing when it was replayed), and its key in
	 * the ledger (null when answers are not recorded).
	 */
	private record Reply(ChatResponse response, Usage usage, String key) {
	}

	/**
	 * Sends one request, or replays its answer from the ledger when a run that was killed
	 * had it already; a new answer goes into the ledger before anything else is done with
	 * it.
	 */
	private Reply chat(List<ChatMessage> messages, ResponseFormat format, String boundary) {
		Optional<AnswerRecording.Scope> recording = AnswerRecording.current();
		String key = recording.isPresent() ? exchangeKey(messages, format, boundary) : null;
		// A fresh run asks again, except for the answers its own batch brought.
		Optional<CallLedger.Exchange> replayed = recording
			.flatMap((scope) -> scope.ledger().findExchange(key).filter((found) -> !scope.fresh() || found.prepaid()));
		if (replayed.isPresent()) {
			CallLedger.Exchange exchange = replayed.get();
			if (exchange.prepaid()) {
				// Paid for by the batch, and counted with the document that uses it.
				recording.get().ledger().usedBatchAnswer(key);
				return new Reply(response(exchange), exchange.usage(), key);
			}
			log.debug("Replaying an answer backend '{}' gave before the process ended", this.name);
			return new Reply(response(exchange), Usage.NONE, key);
		}
		ChatRequest request = ChatRequest.builder().messages(messages).responseFormat(format).build();
		// Filed while the call still holds its slot at the backend: a call waiting for
		// the
		// slot starts only after it, so a process killed the moment the next call goes
		// out has not lost this answer.
		ChatResponse response = this.caller.call(() -> this.chatModel.chat(request), () -> promptTokens(messages),
				(answered) -> recording.ifPresent((scope) -> file(scope.ledger(), key, answered)));
		return new Reply(response, usageOf(response.tokenUsage()), key);
	}

	private void file(CallLedger ledger, String key, ChatResponse response) {
		ledger.recordExchange(key, this.name, model(),
				new CallLedger.Exchange(textOf(response.aiMessage()),
						response.finishReason() != null ? response.finishReason().name() : null),
				usageOf(response.tokenUsage()));
	}

	/**
	 * Takes unusable answers out of the ledger once they have been asked about in vain,
	 * so that the next run asks the model again rather than replaying them.
	 */
	private static void forget(Reply... replies) {
		AnswerRecording.current().ifPresent((scope) -> {
			for (Reply reply : replies) {
				if (reply.key() != null) {
					scope.ledger().forgetExchange(reply.key());
				}
			}
		});
	}

	/**
	 * The exact request to this backend, with the call's random boundary replaced, so
	 * that the same request in the next run has the same key.
	 */
	String exchangeKey(List<ChatMessage> messages, ResponseFormat format, String boundary) {
		StringBuilder request = new StringBuilder(
				String.join("\u0000", this.name, model(), parameters(), format.jsonSchema().rootElement().toString()));
		for (ChatMessage message : messages) {
			String text = Objects.requireNonNullElse(textOf(message), "");
			request.append('\u0000')
				.append(message.type())
				.append('\u0000')
				.append(boundary == null ? text : text.replace(boundary, "BOUNDARY"));
		}
		return Hashes.sha256Hex(request.toString());
	}

	private static long promptTokens(List<ChatMessage> messages) {
		long tokens = 0;
		for (ChatMessage message : messages) {
			tokens += TokenCounter.shared().count(Objects.requireNonNullElse(textOf(message), ""));
		}
		return tokens;
	}

	private static String textOf(ChatMessage message) {
		if (message instanceof SystemMessage system) {
			return system.text();
		}
		if (message instanceof UserMessage user) {
			return user.singleText();
		}
		if (message instanceof AiMessage ai) {
			return ai.text();
		}
		return message == null ? null : message.toString();
	}

	private static ChatResponse response(CallLedger.Exchange exchange) {
		return ChatResponse.builder()
			.aiMessage(AiMessage.from(Objects.requireNonNullElse(exchange.answer(), "")))
			.finishReason(exchange.finishReason() != null ? FinishReason.valueOf(exchange.finishReason()) : null)
			.build();
	}

	private <T> Answer<T> answer(T value, Usage usage) {
		return new Answer<>(value, usage, this.name, model());
	}

	Usage usageOf(TokenUsage tokens) {
		if (tokens == null) {
			return new Usage(0, 0, 1);
		}
		long input = orZero(tokens.inputTokenCount());
		long output = orZero(tokens.outputTokenCount());
		long cached = cachedInput(tokens);
		return new Usage(input, output, 1, this.config.cost(input, cached, output), cached);
	}

	/** The prompt tokens an OpenAI-compatible provider served from its prompt cache. */
	private static long cachedInput(TokenUsage tokens) {
		if (tokens instanceof OpenAiTokenUsage openAi && openAi.inputTokensDetails() != null) {
			return Math.min(orZero(openAi.inputTokensDetails().cachedTokens()), orZero(tokens.inputTokenCount()));
		}
		return 0;
	}

	private static long orZero(Integer value) {
		return value == null ? 0 : value;
	}

}
