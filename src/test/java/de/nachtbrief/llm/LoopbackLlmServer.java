package de.nachtbrief.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntPredicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that speaks just enough of the OpenAI and Ollama
 * protocols for offline tests. It records every request, answers chat calls with content
 * the test scripts, and injects faults on demand.
 * <p>
 * Endpoints: {@code POST /v1/chat/completions}, {@code GET /v1/models},
 * {@code POST /api/chat}, {@code GET /api/tags}, {@code POST /api/show},
 * {@code GET /api/version}. Anything else answers 404. Faults scheduled with
 * {@code failNext}, {@code hangNext}, {@code resetNext} and {@code truncateNext} queue up
 * in the order they were scheduled and each one is spent by one chat call (either
 * protocol).
 */
public final class LoopbackLlmServer implements AutoCloseable {

	/**
	 * The model id that {@code /v1/models}, {@code /api/tags} and {@code /api/show} know
	 * until {@link #models} changes it.
	 */
	public static final String DEFAULT_MODEL = "m";

	static final String OPENAI_CHAT_PATH = "/v1/chat/completions";

	static final String OLLAMA_CHAT_PATH = "/api/chat";

	private static final ObjectMapper JSON = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor;

	private final CountDownLatch closing = new CountDownLatch(1);

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

	private final AtomicInteger chatCalls = new AtomicInteger();

	private final List<RecordedRequest> delivered = new CopyOnWriteArrayList<>();

	private final AtomicLong completionIds = new AtomicLong();

	private volatile Function<RecordedRequest, String> contentForRequest = request -> "{}";

	private volatile List<String> modelIds = List.of(DEFAULT_MODEL);

	private volatile int[] fixedUsage;

	private volatile boolean cacheHitsOnlyAsDeepSeek;

	private final LoopbackBatches batches = new LoopbackBatches(this::batchCompletion);

	private volatile PatternFault patternFault;

	private LoopbackLlmServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.executor = Executors.newCachedThreadPool(daemonThreads());
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** Starts a server on an ephemeral loopback port. */
	public static LoopbackLlmServer start() {
		try {
			return new LoopbackLlmServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the loopback LLM server", ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The base URL an OpenAI-compatible client expects, ending in {@code /v1}. */
	public String openAiBaseUrl() {
		return ollamaBaseUrl() + "/v1";
	}

	public String ollamaBaseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Scripts the assistant content of every following chat answer; the default answers
	 * {@code {}}.
	 */
	public void answer(Function<RecordedRequest, String> contentForRequest) {
		this.contentForRequest = contentForRequest;
	}

	/**
	 * Fixes the reported token usage; without it usage is a rough count of about four
	 * characters a token.
	 */
	public void usage(int promptTokens, int completionTokens) {
		usage(promptTokens, completionTokens, 0);
	}

	/**
	 * Fixes the reported token usage, {@code cachedTokens} of the prompt tokens served
	 * from the prompt cache: reported as OpenAI does ({@code prompt_tokens_details}) and
	 * as DeepSeek does ({@code prompt_cache_hit_tokens}).
	 */
	public void usage(int promptTokens, int completionTokens, int cachedTokens) {
		this.fixedUsage = new int[] { promptTokens, completionTokens, cachedTokens };
		this.cacheHitsOnlyAsDeepSeek = false;
	}

	/**
	 * Fixes the reported token usage, the cache hits reported only as older DeepSeek
	 * versions do ({@code prompt_cache_hit_tokens}, no {@code prompt_tokens_details}).
	 */
	public void usageAsDeepSeek(int promptTokens, int completionTokens, int cacheHitTokens) {
		this.fixedUsage = new int[] { promptTokens, completionTokens, cacheHitTokens };
		this.cacheHitsOnlyAsDeepSeek = true;
	}

	/** Every request line of every batch uploaded, as JSON. */
	public List<JsonNode> batchLines() {
		return List.copyOf(this.batches.lines);
	}

	public int batchesCreated() {
		return this.batches.batchesCreated();
	}

	/** How many status requests find a batch still in progress (1 by default). */
	public void batchStatusRequestsUntilDone(int requests) {
		this.batches.statusRequestsUntilDone = requests;
	}

	/**
	 * Batches expire after answering this many requests: the rest are in the error file.
	 */
	public void expireBatchesAfter(int answered) {
		this.batches.expireAfter = answered;
	}

	/** Every batch still in progress is done at its next status request. */
	public void finishBatches() {
		this.batches.finishAll();
	}

	/** Batches fail validation: no request is answered. */
	public void failBatches() {
		this.batches.failValidation = true;
	}

	/**
	 * Sets the model ids the listing and show endpoints know (chat answers echo whatever
	 * model was asked for).
	 */
	public void models(String... modelIds) {
		this.modelIds = List.of(modelIds);
	}

	/**
	 * Answers the next {@code times} chat calls with {@code status}, the given headers
	 * (e.g. {@code Retry-After}) and body; a {@code null} body becomes the protocol's
	 * usual error body.
	 */
	public void failNext(int times, int status, Map<String, String> headers, String body) {
		schedule(times, new Fault(FaultKind.FAIL, status, (headers != null) ? Map.copyOf(headers) : Map.of(), body));
	}

	/**
	 * Answers every chat call whose number (1 for the first) {@code callNumbers} accepts
	 * with {@code status} and the given headers, from now on: a fault rate that is the
	 * same in every test run. Faults scheduled with {@code failNext} and the like come
	 * first.
	 */
	public void failCalls(IntPredicate callNumbers, int status, Map<String, String> headers) {
		this.patternFault = new PatternFault(callNumbers,
				new Fault(FaultKind.FAIL, status, (headers != null) ? Map.copyOf(headers) : Map.of(), null));
	}

	/**
	 * Answers the next {@code times} chat calls with {@code status} and the protocol's
	 * usual error body.
	 */
	public void failNext(int times, int status) {
		failNext(times, status, Map.of(), null);
	}

	/**
	 * Accepts the next {@code times} chat calls and never answers them; {@link #close()}
	 * drops their connections.
	 */
	public void hangNext(int times) {
		schedule(times, new Fault(FaultKind.HANG, 0, Map.of(), null));
	}

	/**
	 * Drops the connection of the next {@code times} chat calls after reading the request
	 * and before any response byte. The JDK server can only close the socket (an orderly
	 * FIN, not a TCP RST), so the client sees an {@link IOException} such as "HTTP/1.1
	 * header parser received no bytes" rather than "connection reset".
	 */
	public void resetNext(int times) {
		schedule(times, new Fault(FaultKind.RESET, 0, Map.of(), null));
	}

	/**
	 * Answers the next {@code times} chat calls with the first half of the scripted
	 * content and finish reason {@code length}, as a model that ran out of output tokens
	 * would.
	 */
	public void truncateNext(int times) {
		schedule(times, new Fault(FaultKind.TRUNCATE, 200, Map.of(), null));
	}

	private void schedule(int times, Fault fault) {
		for (int i = 0; i < times; i++) {
			this.faults.add(fault);
		}
	}

	/** Every request so far, in arrival order. */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** The requests to either chat endpoint, in arrival order. */
	public List<RecordedRequest> chatRequests() {
		return this.requests.stream().filter(RecordedRequest::isChat).toList();
	}

	public RecordedRequest lastChatRequest() {
		List<RecordedRequest> chatRequests = chatRequests();
		if (chatRequests.isEmpty()) {
			throw new IllegalStateException("No chat request has arrived yet");
		}
		return chatRequests.get(chatRequests.size() - 1);
	}

	/**
	 * The chat requests whose whole answer was written and flushed to the client, in the
	 * order they were; faulted ones are not.
	 */
	public List<RecordedRequest> deliveredChats() {
		return List.copyOf(this.delivered);
	}

	/** How many requests reached a chat endpoint, faulted ones included. */
	public int chatCalls() {
		return this.chatCalls.get();
	}

	/**
	 * Releases hung requests (their connections close unanswered) and stops the server.
	 */
	@Override
	public void close() {
		this.closing.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * An OpenAI-style error body:
	 * {@code {"error":{"message":..,"type":..,"param":null,"code":..}}}.
	 */
	public static String openAiError(String message, String type, String code) {
		ObjectNode error = JSON.createObjectNode();
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		error.put("code", code);
		ObjectNode root = JSON.createObjectNode();
		root.set("error", error);
		return write(root);
	}

	/** An Ollama-style error body: {@code {"error":".."}}. */
	public static String ollamaError(String message) {
		return write(JSON.createObjectNode().put("error", message));
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
					exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(request);
			route(exchange, request);
		}
		catch (RuntimeException ex) {
			// A failing answer function must show up in the test, not as a silently
			// dropped connection.
			send(exchange, 500, openAiError(String.valueOf(ex), "server_error", null), Map.of());
		}
		finally {
			exchange.close();
		}
	}

	private void route(HttpExchange exchange, RecordedRequest request) throws IOException {
		switch (request.method() + " " + request.path()) {
			case "POST " + OPENAI_CHAT_PATH -> chat(exchange, request, Protocol.OPENAI);
			case "POST " + OLLAMA_CHAT_PATH -> chat(exchange, request, Protocol.OLLAMA);
			case "GET /v1/models" -> send(exchange, 200, openAiModels(), Map.of());
			case "GET /api/tags" -> send(exchange, 200, ollamaTags(), Map.of());
			case "POST /api/show" -> ollamaShow(exchange, request);
			case "GET /api/version" -> send(exchange, 200, "{\"version\":\"0.12.6\"}", Map.of());
			default -> {
				LoopbackBatches.Reply batch = this.batches.handle(request);
				if (batch != null) {
					send(exchange, batch.status(), batch.body(), Map.of());
				}
				else {
					send(exchange, 404, openAiError("Unknown endpoint " + request.method() + " " + request.path(),
							"invalid_request_error", "unknown_url"), Map.of());
				}
			}
		}
	}

	private void chat(HttpExchange exchange, RecordedRequest request, Protocol protocol) throws IOException {
		int callNumber = this.chatCalls.incrementAndGet();
		if (request.json().path("stream").asBoolean(false)) {
			String message = "stream=true is not supported by the loopback server";
			send(exchange, 400, (protocol == Protocol.OPENAI)
					? openAiError(message, "invalid_request_error", "stream_not_supported") : ollamaError(message),
					Map.of());
			return;
		}
		Fault fault = this.faults.poll();
		PatternFault pattern = this.patternFault;
		if (fault == null && pattern != null && pattern.callNumbers().test(callNumber)) {
			fault = pattern.fault();
		}
		FaultKind faultKind = (fault != null) ? fault.kind() : null;
		if (faultKind == FaultKind.FAIL) {
			String body = (fault.body() != null) ? fault.body() : defaultErrorBody(protocol, fault.status());
			send(exchange, fault.status(), body, fault.headers());
			return;
		}
		if (faultKind == FaultKind.HANG) {
			awaitClosing();
			return;
		}
		if (faultKind == FaultKind.RESET) {
			// Closing an exchange before sendResponseHeaders makes the JDK server close
			// the socket.
			exchange.close();
			return;
		}
		String content = this.contentForRequest.apply(request);
		boolean truncated = faultKind == FaultKind.TRUNCATE;
		if (truncated) {
			content = content.substring(0, content.length() / 2);
		}
		int[] usage = usageFor(request, content);
		String body = (protocol == Protocol.OPENAI) ? openAiCompletion(request, content, truncated, usage)
				: ollamaCompletion(request, content, truncated, usage);
		send(exchange, 200, body, Map.of());
		exchange.getResponseBody().close();
		if (!truncated) {
			this.delivered.add(request);
		}
	}

	private void awaitClosing() {
		try {
			this.closing.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A request of a batch, answered as a chat call would be. */
	private String batchCompletion(RecordedRequest request) {
		String content = this.contentForRequest.apply(request);
		return openAiCompletion(request, content, false, usageFor(request, content));
	}

	private int[] usageFor(RecordedRequest request, String content) {
		int[] fixed = this.fixedUsage;
		return (fixed != null) ? fixed : new int[] { roughTokens(request.allMessageText()), roughTokens(content), 0 };
	}

	private static int roughTokens(String text) {
		return Math.max(1, (text.length() + 3) / 4);
	}

	private String openAiCompletion(RecordedRequest request, String content, boolean truncated, int[] usage) {
		ObjectNode root = JSON.createObjectNode();
		root.put("id", "chatcmpl-loopback-" + this.completionIds.incrementAndGet());
		root.put("object", "chat.completion");
		root.put("created", Instant.now().getEpochSecond());
		root.put("model", request.model());
		ObjectNode choice = root.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", content);
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", truncated ? "length" : "stop");
		ObjectNode usageNode = root.putObject("usage");
		usageNode.put("prompt_tokens", usage[0]);
		usageNode.put("completion_tokens", usage[1]);
		usageNode.put("total_tokens", usage[0] + usage[1]);
		if (usage[2] > 0) {
			if (!this.cacheHitsOnlyAsDeepSeek) {
				usageNode.putObject("prompt_tokens_details").put("cached_tokens", usage[2]);
			}
			usageNode.put("prompt_cache_hit_tokens", usage[2]);
			usageNode.put("prompt_cache_miss_tokens", usage[0] - usage[2]);
		}
		root.put("system_fingerprint", "fp_loopback");
		return write(root);
	}

	private static String ollamaCompletion(RecordedRequest request, String content, boolean truncated, int[] usage) {
		ObjectNode root = JSON.createObjectNode();
		root.put("model", request.model());
		root.put("created_at", Instant.now().toString());
		ObjectNode message = root.putObject("message");
		message.put("role", "assistant");
		message.put("content", content);
		root.put("done", true);
		root.put("done_reason", truncated ? "length" : "stop");
		root.put("total_duration", 120_000_000L);
		root.put("load_duration", 10_000_000L);
		root.put("prompt_eval_count", usage[0]);
		root.put("prompt_eval_duration", 40_000_000L);
		root.put("eval_count", usage[1]);
		root.put("eval_duration", 70_000_000L);
		return write(root);
	}

	private String openAiModels() {
		ObjectNode root = JSON.createObjectNode();
		root.put("object", "list");
		ArrayNode data = root.putArray("data");
		for (String id : this.modelIds) {
			data.addObject()
				.put("id", id)
				.put("object", "model")
				.put("created", 1_700_000_000L)
				.put("owned_by", "loopback");
		}
		return write(root);
	}

	private String ollamaTags() {
		ObjectNode root = JSON.createObjectNode();
		ArrayNode models = root.putArray("models");
		for (String id : this.modelIds) {
			String name = withTag(id);
			ObjectNode model = models.addObject();
			model.put("name", name);
			model.put("model", name);
			model.put("modified_at", "2025-01-01T00:00:00Z");
			model.put("size", 4_000_000_000L);
			model.put("digest", "sha256:" + "0".repeat(64));
			model.set("details", ollamaDetails());
		}
		return write(root);
	}

	private void ollamaShow(HttpExchange exchange, RecordedRequest request) throws IOException {
		JsonNode json = request.json();
		String asked = json.hasNonNull("model") ? json.get("model").asText() : json.path("name").asText("");
		if (this.modelIds.stream().noneMatch(id -> withTag(id).equals(withTag(asked)))) {
			send(exchange, 404, ollamaError("model '" + asked + "' not found"), Map.of());
			return;
		}
		ObjectNode root = JSON.createObjectNode();
		root.put("modelfile", "FROM " + asked);
		root.put("parameters", "");
		root.put("template", "{{ .Prompt }}");
		root.set("details", ollamaDetails());
		root.putObject("model_info").put("general.architecture", "llama").put("llama.context_length", 8192);
		root.putArray("capabilities").add("completion");
		send(exchange, 200, write(root), Map.of());
	}

	private static ObjectNode ollamaDetails() {
		ObjectNode details = JSON.createObjectNode();
		details.put("format", "gguf");
		details.put("family", "llama");
		details.put("parameter_size", "7B");
		details.put("quantization_level", "Q4_0");
		return details;
	}

	// Ollama treats "m" and "m:latest" as the same model and lists the tagged form.
	private static String withTag(String modelId) {
		return modelId.contains(":") ? modelId : modelId + ":latest";
	}

	private static String defaultErrorBody(Protocol protocol, int status) {
		String message = "Loopback fault: HTTP " + status;
		if (protocol == Protocol.OLLAMA) {
			return ollamaError(message);
		}
		return switch (status) {
			case 401 -> openAiError("Incorrect API key provided", "invalid_request_error", "invalid_api_key");
			case 429 -> openAiError("Rate limit reached", "requests", "rate_limit_exceeded");
			default -> openAiError(message, (status >= 500) ? "server_error" : "invalid_request_error", null);
		};
	}

	private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		headers.forEach(exchange.getResponseHeaders()::set);
		exchange.sendResponseHeaders(status, (bytes.length > 0) ? bytes.length : -1);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

	private static String write(JsonNode node) {
		try {
			return JSON.writeValueAsString(node);
		}
		catch (JsonProcessingException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, "loopback-llm-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private enum Protocol {

		OPENAI, OLLAMA

	}

	private enum FaultKind {

		FAIL, HANG, RESET, TRUNCATE

	}

	private record PatternFault(IntPredicate callNumbers, Fault fault) {
	}

	private record Fault(FaultKind kind, int status, Map<String, String> headers, String body) {
	}

	/**
	 * One request as it arrived. Header names are matched case-insensitively; the JSON
	 * accessors answer a missing node (never {@code null}) when a field is absent.
	 */
	public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

		public RecordedRequest {
			Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			if (headers != null) {
				headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
			}
			headers = Collections.unmodifiableMap(caseInsensitive);
			body = (body != null) ? body : "";
		}

		/** The body parsed as JSON; a missing node for an empty body. */
		public JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (JsonProcessingException ex) {
				throw new UncheckedIOException("Request body is not JSON: " + this.body, ex);
			}
		}

		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		public String authorization() {
			return header("Authorization");
		}

		public boolean isChat() {
			return "POST".equals(this.method)
					&& (OPENAI_CHAT_PATH.equals(this.path) || OLLAMA_CHAT_PATH.equals(this.path));
		}

		public String model() {
			return json().path("model").textValue();
		}

		public List<JsonNode> messages() {
			List<JsonNode> messages = new ArrayList<>();
			json().path("messages").forEach(messages::add);
			return messages;
		}

		/**
		 * The text of every message, one per line; OpenAI content parts contribute their
		 * {@code text}.
		 */
		public String allMessageText() {
			List<String> texts = new ArrayList<>();
			for (JsonNode message : messages()) {
				JsonNode content = message.path("content");
				if (content.isTextual()) {
					texts.add(content.textValue());
				}
				else {
					content.forEach(part -> texts.add(part.path("text").asText("")));
				}
			}
			return String.join("\n", texts);
		}

		/** OpenAI's {@code response_format}. */
		public JsonNode responseFormat() {
			return json().path("response_format");
		}

		/** Ollama's {@code format}: a JSON schema object or the string {@code json}. */
		public JsonNode ollamaFormat() {
			return json().path("format");
		}

		/** Ollama's {@code options}, e.g. {@code num_ctx}. */
		public JsonNode ollamaOptions() {
			return json().path("options");
		}

	}

}
