package de.nachtbrief.llm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.output.FinishReason;

/**
 * An OpenAI-compatible provider's batch API ({@code /files} and {@code /batches}): a
 * run's calls sent ahead as one JSONL file and answered within the provider's completion
 * window, at its batch price ({@code batch-price-factor} of the direct price; half at
 * OpenAI). LangChain4j has no client for it, and the protocol is four plain requests.
 *
 * <p>
 * Each line is the very request a direct call would send (LangChain4j writes it), and its
 * {@code custom_id} is the key the ledger files that request's raw answer under. The
 * run's ordinary calls then find the batch's answers in the ledger as if they had been
 * made directly, and go through the same parsing, checks and writer; a request the batch
 * did not answer (failed, expired) is simply sent directly.
 */
public final class ProviderBatch {

	/** The endpoint every line of the batch calls. */
	static final String CHAT_ENDPOINT = "/v1/chat/completions";

	private static final ObjectMapper json = new ObjectMapper();

	private final ChatModelBackend backend;

	private final BackendProperties.Backend config;

	private final HttpClient http;

	/** The backend's own client, over a transport that keeps what it would send. */
	private final ChatModel requestWriter;

	private final ThreadLocal<String> written = new ThreadLocal<>();

	ProviderBatch(ChatModelBackend backend, BackendProperties.Backend config) {
		this.backend = backend;
		this.config = config;
		this.http = RetryAfterHttpClient.builder()
			.connectTimeout(Duration.ofSeconds(30))
			.readTimeout(config.timeout())
			.build();
		this.requestWriter = ChatModels.openAi(config, new KeepingTransport());
	}

	/** One request of a batch: the key its answer is filed under, and its JSONL line. */
	public record Request(String key, String line) {
	}

	/**
	 * A batch as the provider last reported it. {@code outputFileId} holds the answers,
	 * {@code errorFileId} the requests that failed (both may be null).
	 */
	public record Status(String id, String status, int total, int completed, int failed, String outputFileId,
			String errorFileId) {

		/** Whether the provider is done with it: no more answers will come. */
		public boolean isFinal() {
			return isFinal(this.status);
		}

		/** Whether a batch in this status is done: no more answers will come. */
		public static boolean isFinal(String status) {
			return switch (status) {
				case "completed", "failed", "expired", "cancelled" -> true;
				default -> false;
			};
		}

	}

	/** The configured backend's name. */
	public String backendName() {
		return this.backend.name();
	}

	/** What a batch call costs, as a share of the same call made directly. */
	public double priceFactor() {
		return this.config.batchPriceFactor();
	}

	/** How often a run asks the provider how its batch is doing. */
	public Duration pollInterval() {
		return this.config.batchPollInterval();
	}

	/**
	 * How long a run waits for its batch; what it has not answered by then is asked
	 * directly.
	 */
	public Duration maxWait() {
		return this.config.batchWait();
	}

	/** The batch line for one call, keyed as a direct call files its answer. */
	public Request request(Prompt prompt, AnswerFormat<?> format) {
		ResponseFormat responseFormat = ChatModelBackend.responseFormat(format);
		List<ChatMessage> messages = ChatModelBackend.messages(prompt);
		String key = this.backend.exchangeKey(messages, responseFormat, prompt.boundary());
		ObjectNode line = json.createObjectNode();
		line.put("custom_id", key);
		line.put("method", "POST");
		line.put("url", CHAT_ENDPOINT);
		line.set("body", parse(directRequest(ChatRequest.builder().messages(messages).responseFormat(responseFormat))));
		return new Request(key, line.toString());
	}

	/** Whether the ledger already holds an answer to this request. */
	public boolean isAnswered(Request request, CallLedger ledger) {
		return ledger.hasExchange(request.key());
	}

	/** Whether a batch's answer to this request waits in the ledger, not yet used. */
	public boolean isPrepaid(Request request, CallLedger ledger) {
		return ledger.findExchange(request.key()).filter(CallLedger.Exchange::prepaid).isPresent();
	}

	/**
	 * Uploads the requests as one JSONL file and starts a batch on them.
	 * @return the batch's id
	 * @throws HttpException when the provider refuses either
	 */
	public String submit(List<Request> requests) {
		StringBuilder jsonl = new StringBuilder();
		requests.forEach((request) -> jsonl.append(request.line()).append('\n'));
		HttpRequest upload = authorized(HttpRequest.builder().method(HttpMethod.POST).url(url("/files")))
			.addFormDataField("purpose", "batch")
			.addFormDataFile("file", "nachtbrief-requests.jsonl", "application/jsonl",
					jsonl.toString().getBytes(StandardCharsets.UTF_8))
			.build();
		String fileId = parse(this.http.execute(upload).body()).path("id").asText();
		ObjectNode create = json.createObjectNode();
		create.put("input_file_id", fileId);
		create.put("endpoint", CHAT_ENDPOINT);
		create.put("completion_window", "24h");
		create.putObject("metadata").put("source", "nachtbrief");
		return parseStatus(post("/batches", create.toString())).id();
	}

	/** The batch as the provider reports it now. */
	public Status status(String batchId) {
		return parseStatus(get("/batches/" + batchId));
	}

	/** Asks the provider to stop the batch: the run no longer waits for it. */
	public Status cancel(String batchId) {
		return parseStatus(post("/batches/" + batchId + "/cancel", "{}"));
	}

	/**
	 * Files the batch's answers in the ledger, each priced at the batch price.
	 * @return what the filed answers cost, one call each
	 */
	public Usage file(Status batch, CallLedger ledger) {
		if (batch.outputFileId() == null) {
			return Usage.NONE;
		}
		Usage filed = Usage.NONE;
		for (String line : get("/files/" + batch.outputFileId() + "/content").split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode result = parse(line);
			JsonNode response = result.path("response");
			JsonNode choice = response.path("body").path("choices").path(0);
			if (response.path("status_code").asInt() != 200 || choice.isMissingNode()) {
				continue;
			}
			String answer = choice.path("message").path("content").asText(null);
			Usage usage = usage(response.path("body").path("usage"));
			ledger.recordBatchAnswer(result.path("custom_id").asText(), this.backend.name(), this.backend.model(),
					new CallLedger.Exchange(answer, finishReason(choice.path("finish_reason").asText(""))), usage);
			filed = filed.plus(usage);
		}
		return filed;
	}

	private Usage usage(JsonNode usage) {
		long input = usage.path("prompt_tokens").asLong();
		long output = usage.path("completion_tokens").asLong();
		long cached = Math.min(input, CacheHits.cachedTokens(usage));
		return new Usage(input, output, 1, this.config.cost(input, cached, output) * this.config.batchPriceFactor(),
				cached);
	}

	/** OpenAI's finish reasons, as LangChain4j names them. */
	private static String finishReason(String reason) {
		FinishReason mapped = switch (reason.toLowerCase(Locale.ROOT)) {
			case "stop" -> FinishReason.STOP;
			case "length" -> FinishReason.LENGTH;
			case "content_filter" -> FinishReason.CONTENT_FILTER;
			case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
			default -> FinishReason.OTHER;
		};
		return mapped.name();
	}

	private static Status parseStatus(String body) {
		JsonNode batch = parse(body);
		JsonNode counts = batch.path("request_counts");
		return new Status(batch.path("id").asText(), batch.path("status").asText(), counts.path("total").asInt(),
				counts.path("completed").asInt(), counts.path("failed").asInt(),
				batch.path("output_file_id").asText(null), batch.path("error_file_id").asText(null));
	}

	/** What LangChain4j would send for this request, without sending it. */
	private String directRequest(ChatRequest.Builder request) {
		try {
			this.requestWriter.chat(request.build());
		}
		catch (RuntimeException kept) {
			// The transport kept the request and refused to send it.
		}
		String body = this.written.get();
		this.written.remove();
		if (body == null) {
			throw new IllegalStateException("the OpenAI client wrote no request");
		}
		return body;
	}

	private String get(String path) {
		return this.http.execute(authorized(HttpRequest.builder().method(HttpMethod.GET).url(url(path))).build())
			.body();
	}

	private String post(String path, String body) {
		return this.http
			.execute(authorized(HttpRequest.builder().method(HttpMethod.POST).url(url(path)))
				.addHeader("Content-Type", "application/json")
				.body(body)
				.build())
			.body();
	}

	private HttpRequest.Builder authorized(HttpRequest.Builder request) {
		String key = this.config.apiKey();
		return (key != null) ? request.addHeader("Authorization", "Bearer " + key) : request;
	}

	private String url(String path) {
		return this.config.baseUrl().replaceAll("/+$", "") + path;
	}

	private static JsonNode parse(String text) {
		try {
			return json.readTree(text);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("the provider's batch API answered no JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

	/** A transport that keeps the request it is given and sends nothing. */
	private final class KeepingTransport implements HttpClientBuilder, HttpClient {

		private Duration connectTimeout;

		private Duration readTimeout;

		@Override
		public SuccessfulHttpResponse execute(HttpRequest request) {
			ProviderBatch.this.written.set(request.body());
			throw new IllegalStateException("kept for a batch, not sent");
		}

		@Override
		public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
			throw new UnsupportedOperationException("batches do not stream");
		}

		@Override
		public Duration connectTimeout() {
			return this.connectTimeout;
		}

		@Override
		public HttpClientBuilder connectTimeout(Duration timeout) {
			this.connectTimeout = timeout;
			return this;
		}

		@Override
		public Duration readTimeout() {
			return this.readTimeout;
		}

		@Override
		public HttpClientBuilder readTimeout(Duration timeout) {
			this.readTimeout = timeout;
			return this;
		}

		@Override
		public HttpClient build() {
			return this;
		}

	}

}
