package de.nachtbrief.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives {@link LoopbackLlmServer} with LangChain4j's real OpenAI and Ollama clients, and
 * pins down which exception each failure surfaces as.
 */
class LoopbackLlmServerTests {

	private static final String BRIEF_JSON = "{\"headline\":\"Stadtrat beschließt Haushalt\",\"topics\":[\"Politik\"]}";

	private static final ObjectMapper JSON = new ObjectMapper();

	private LoopbackLlmServer server;

	@BeforeEach
	void startServer() {
		this.server = LoopbackLlmServer.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void openAiClientSendsStrictJsonSchemaAndReadsAnswerAndUsage() {
		this.server.answer(request -> BRIEF_JSON);
		this.server.usage(120, 30);
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.server.openAiBaseUrl())
			.apiKey("test-key")
			.modelName("m")
			.strictJsonSchema(true)
			.maxRetries(0)
			.timeout(Duration.ofSeconds(5))
			.build();

		ChatResponse response = model.chat(briefRequest());

		RecordedRequest request = this.server.lastChatRequest();
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.model()).isEqualTo("m");
		assertThat(request.authorization()).isEqualTo("Bearer test-key");
		assertThat(request.header("authorization")).isEqualTo("Bearer test-key");
		assertThat(request.json().path("stream").asBoolean(true)).isFalse();
		assertThat(request.messages()).extracting(message -> message.path("role").asText())
			.containsExactly("system", "user");
		assertThat(request.allMessageText()).contains("Antworte als JSON.", "Der Stadtrat hat den Haushalt");
		JsonNode responseFormat = request.responseFormat();
		assertThat(responseFormat.path("type").asText()).isEqualTo("json_schema");
		JsonNode jsonSchema = responseFormat.path("json_schema");
		assertThat(jsonSchema.path("name").asText()).isEqualTo("brief");
		assertThat(jsonSchema.path("strict").asBoolean()).isTrue();
		assertThat(jsonSchema.at("/schema/properties/headline/type").asText()).isEqualTo("string");
		assertThat(jsonSchema.at("/schema/properties/topics/items/type").asText()).isEqualTo("string");
		assertThat(jsonSchema.at("/schema/required/0").asText()).isEqualTo("headline");
		assertThat(jsonSchema.at("/schema/additionalProperties").asBoolean(true)).isFalse();

		assertThat(response.aiMessage().text()).isEqualTo(BRIEF_JSON);
		assertThat(response.modelName()).isEqualTo("m");
		assertThat(response.id()).startsWith("chatcmpl-loopback-");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(120);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(30);
		assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(150);
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@Test
	void openAiClientSendsNonStrictJsonSchemaByDefault() {
		OpenAiChatModel model = OpenAiChatModel.builder()
			.baseUrl(this.server.openAiBaseUrl())
			.apiKey("test-key")
			.modelName("m")
			.maxRetries(0)
			.build();

		model.chat(briefRequest());

		JsonNode jsonSchema = this.server.lastChatRequest().responseFormat().path("json_schema");
		assertThat(jsonSchema.path("strict").isBoolean()).isTrue();
		assertThat(jsonSchema.path("strict").asBoolean()).isFalse();
		assertThat(jsonSchema.at("/schema/properties/headline/type").asText()).isEqualTo("string");
	}

	@Test
	void ollamaClientSendsSchemaAsFormatAndNumCtxAndReadsAnswer() {
		this.server.answer(request -> BRIEF_JSON);
		this.server.usage(200, 40);
		OllamaChatModel model = OllamaChatModel.builder()
			.baseUrl(this.server.ollamaBaseUrl())
			.modelName("m")
			.numCtx(8192)
			.maxRetries(0)
			.timeout(Duration.ofSeconds(5))
			.build();

		ChatResponse response = model.chat(briefRequest());

		RecordedRequest request = this.server.lastChatRequest();
		assertThat(request.path()).isEqualTo("/api/chat");
		assertThat(request.model()).isEqualTo("m");
		assertThat(request.authorization()).isNull();
		assertThat(request.json().path("stream").asBoolean(true)).isFalse();
		assertThat(request.ollamaOptions().path("num_ctx").asInt()).isEqualTo(8192);
		assertThat(request.ollamaFormat().path("type").asText()).isEqualTo("object");
		assertThat(request.ollamaFormat().at("/properties/headline/type").asText()).isEqualTo("string");
		assertThat(request.ollamaFormat().at("/required/0").asText()).isEqualTo("headline");
		assertThat(request.allMessageText()).contains("Der Stadtrat hat den Haushalt");

		assertThat(response.aiMessage().text()).isEqualTo(BRIEF_JSON);
		assertThat(response.modelName()).isEqualTo("m");
		assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(200);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(40);
	}

	@Test
	void usageIsARoughCharacterCountUnlessFixed() {
		this.server.answer(request -> "x".repeat(40));
		ChatModel model = Backend.OPENAI.model(this.server, Duration.ofSeconds(5));

		ChatResponse response = model.chat(UserMessage.from("y".repeat(80)));

		assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(20);
		assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(10);
	}

	@Test
	void answerFunctionSeesTheRecordedRequest() {
		this.server.answer(request -> "{\"echo\":\"" + request.allMessageText() + "\"}");
		ChatModel model = Backend.OLLAMA.model(this.server, Duration.ofSeconds(5));

		assertThat(model.chat("Grüße aus Köln")).isEqualTo("{\"echo\":\"Grüße aus Köln\"}");
	}

	@Test
	void listsAndDescribesConfiguredModels() throws Exception {
		this.server.models("qwen3:8b", "gemma3");

		JsonNode openAiModels = getJson("/v1/models");
		assertThat(openAiModels.path("object").asText()).isEqualTo("list");
		assertThat(openAiModels.path("data").findValuesAsText("id")).containsExactly("qwen3:8b", "gemma3");

		JsonNode tags = getJson("/api/tags");
		assertThat(tags.path("models").findValuesAsText("name")).containsExactly("qwen3:8b", "gemma3:latest");

		HttpResponse<String> known = post("/api/show", "{\"model\":\"gemma3\"}");
		assertThat(known.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(known.body()).at("/details/family").asText()).isEqualTo("llama");

		HttpResponse<String> unknown = post("/api/show", "{\"model\":\"llama3\"}");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("llama3");

		assertThat(getJson("/api/version").path("version").asText()).isNotBlank();
		assertThat(this.server.requests()).extracting(RecordedRequest::path)
			.containsExactly("/v1/models", "/api/tags", "/api/show", "/api/show", "/api/version");
		assertThat(this.server.chatCalls()).isZero();
	}

	@Test
	void rejectsStreamingRequestsWithAnOpenAiError() throws Exception {
		HttpResponse<String> response = post("/v1/chat/completions",
				"{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(response.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
	}

	@Test
	void unknownEndpointAnswers404() throws Exception {
		assertThat(post("/v1/embeddings", "{}").statusCode()).isEqualTo(404);
	}

	@Test
	void failNextSendsStatusHeadersAndBodyThenRecovers() throws Exception {
		String body = LoopbackLlmServer.openAiError("Slow down", "requests", "rate_limit_exceeded");
		this.server.failNext(1, 429, Map.of("Retry-After", "7"), body);
		String chat = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

		HttpResponse<String> limited = post("/v1/chat/completions", chat);
		HttpResponse<String> answered = post("/v1/chat/completions", chat);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(JSON.readTree(limited.body()).at("/error/message").asText()).isEqualTo("Slow down");
		assertThat(answered.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(answered.body()).at("/choices/0/message/content").asText()).isEqualTo("{}");
		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	@Test
	void faultsAreSpentInTheOrderTheyWereScheduled() {
		this.server.answer(request -> BRIEF_JSON);
		this.server.failNext(1, 500);
		this.server.truncateNext(1);
		ChatModel model = Backend.OPENAI.model(this.server, Duration.ofSeconds(5));

		assertThatThrownBy(() -> model.chat("a")).isInstanceOf(InternalServerException.class);
		ChatResponse truncated = model.chat(UserMessage.from("b"));
		ChatResponse whole = model.chat(UserMessage.from("c"));

		assertThat(truncated.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(truncated.aiMessage().text()).isEqualTo(BRIEF_JSON.substring(0, BRIEF_JSON.length() / 2));
		assertThat(whole.aiMessage().text()).isEqualTo(BRIEF_JSON);
		assertThat(this.server.chatRequests()).extracting(RecordedRequest::allMessageText)
			.containsExactly("a", "b", "c");
	}

	@ParameterizedTest(name = "{0} HTTP {1} -> {2}")
	@MethodSource("statusExceptions")
	void httpErrorsSurfaceAsTypedExceptions(Backend backend, int status, Class<? extends LangChain4jException> thrown,
			Class<? extends LangChain4jException> family) {
		this.server.failNext(1, status);
		ChatModel model = backend.model(this.server, Duration.ofSeconds(5));

		assertThatThrownBy(() -> model.chat("hallo")).isInstanceOf(thrown)
			.isInstanceOf(family)
			.hasCauseInstanceOf(HttpException.class)
			.satisfies(ex -> assertThat(((HttpException) ex.getCause()).statusCode()).isEqualTo(status));
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	static Stream<Arguments> statusExceptions() {
		List<Arguments> arguments = new ArrayList<>();
		for (Backend backend : Backend.values()) {
			arguments.add(Arguments.of(backend, 400, InvalidRequestException.class, NonRetriableException.class));
			arguments.add(Arguments.of(backend, 401, AuthenticationException.class, NonRetriableException.class));
			arguments.add(Arguments.of(backend, 403, AuthenticationException.class, NonRetriableException.class));
			arguments.add(Arguments.of(backend, 404, ModelNotFoundException.class, NonRetriableException.class));
			arguments.add(Arguments.of(backend, 408, TimeoutException.class, RetriableException.class));
			arguments.add(Arguments.of(backend, 429, RateLimitException.class, RetriableException.class));
			arguments.add(Arguments.of(backend, 500, InternalServerException.class, RetriableException.class));
			arguments.add(Arguments.of(backend, 503, InternalServerException.class, RetriableException.class));
		}
		return arguments.stream();
	}

	@Test
	void authenticationErrorCarriesTheOpenAiErrorBody() {
		this.server.failNext(1, 401, Map.of(), LoopbackLlmServer.openAiError("Incorrect API key provided: sk-***",
				"invalid_request_error", "invalid_api_key"));
		ChatModel model = Backend.OPENAI.model(this.server, Duration.ofSeconds(5));

		assertThatThrownBy(() -> model.chat("hallo")).isInstanceOf(AuthenticationException.class)
			.hasMessageContaining("invalid_api_key")
			.hasMessageContaining("Incorrect API key provided");
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void hungRequestTimesOutOnTheClient(Backend backend) {
		this.server.hangNext(1);
		ChatModel model = backend.model(this.server, Duration.ofMillis(300));

		assertThatThrownBy(() -> model.chat("hallo")).isInstanceOf(TimeoutException.class)
			.isInstanceOf(RetriableException.class)
			.hasCauseInstanceOf(HttpTimeoutException.class);
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@Test
	void closeReleasesHungRequestsPromptly() throws Exception {
		this.server.hangNext(1);
		ChatModel model = Backend.OPENAI.model(this.server, Duration.ofSeconds(30));
		ExecutorService caller = Executors.newSingleThreadExecutor();
		try {
			Future<String> hung = caller.submit(() -> model.chat("hallo"));
			awaitChatCalls(1);

			long started = System.nanoTime();
			this.server.close();

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThatThrownBy(() -> hung.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
		}
		finally {
			caller.shutdownNow();
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void droppedConnectionSurfacesAsPlainRuntimeExceptionWrappingIOException(Backend backend) {
		this.server.resetNext(1);
		ChatModel model = backend.model(this.server, Duration.ofSeconds(5));

		assertThatThrownBy(() -> model.chat("hallo")).isExactlyInstanceOf(RuntimeException.class)
			.hasCauseInstanceOf(IOException.class)
			.hasMessageContaining("header parser received no bytes");
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void refusedConnectionSurfacesAsPlainRuntimeExceptionWrappingConnectException(Backend backend) {
		LoopbackLlmServer stopped = LoopbackLlmServer.start();
		stopped.close();
		ChatModel model = backend.model(stopped, Duration.ofSeconds(5));

		assertThatThrownBy(() -> model.chat("hallo")).isExactlyInstanceOf(RuntimeException.class)
			.hasCauseInstanceOf(ConnectException.class);
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void truncatedAnswerEndsWithFinishReasonLength(Backend backend) {
		this.server.answer(request -> BRIEF_JSON);
		this.server.truncateNext(1);
		ChatModel model = backend.model(this.server, Duration.ofSeconds(5));

		ChatResponse response = model.chat(UserMessage.from("hallo"));

		assertThat(response.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(BRIEF_JSON).startsWith(response.aiMessage().text());
		assertThat(response.aiMessage().text()).hasSizeLessThan(BRIEF_JSON.length());
	}

	@Test
	void servesParallelRequestsConcurrently() throws Exception {
		int parallel = 4;
		CountDownLatch allArrived = new CountDownLatch(parallel);
		this.server.answer(request -> {
			allArrived.countDown();
			// Served one at a time, the first answer would wait here until the latch
			// gives up.
			return awaitQuietly(allArrived) ? "{\"together\":true}" : "{\"together\":false}";
		});
		ChatModel model = Backend.OPENAI.model(this.server, Duration.ofSeconds(10));
		ExecutorService callers = Executors.newFixedThreadPool(parallel);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < parallel; i++) {
				String prompt = "Artikel " + i;
				answers.add(callers.submit(() -> model.chat(prompt)));
			}
			for (Future<String> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("{\"together\":true}");
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(this.server.chatCalls()).isEqualTo(parallel);
		assertThat(this.server.chatRequests()).extracting(RecordedRequest::allMessageText)
			.containsExactlyInAnyOrder("Artikel 0", "Artikel 1", "Artikel 2", "Artikel 3");
	}

	private static boolean awaitQuietly(CountDownLatch latch) {
		try {
			return latch.await(3, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void awaitChatCalls(int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.server.chatCalls() < expected && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(this.server.chatCalls()).isEqualTo(expected);
	}

	private static ChatRequest briefRequest() {
		JsonObjectSchema brief = JsonObjectSchema.builder()
			.addStringProperty("headline")
			.addProperty("topics", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
			.required("headline", "topics")
			.build();
		ResponseFormat format = ResponseFormat.builder()
			.type(ResponseFormatType.JSON)
			.jsonSchema(JsonSchema.builder().name("brief").rootElement(brief).build())
			.build();
		return ChatRequest.builder()
			.messages(SystemMessage.from("Antworte als JSON."),
					UserMessage.from("Der Stadtrat hat den Haushalt für 2026 beschlossen."))
			.responseFormat(format)
			.build();
	}

	private JsonNode getJson(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.ollamaBaseUrl() + path)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.ollamaBaseUrl() + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The two real clients, built the way the service will build them. */
	enum Backend {

		OPENAI {
			@Override
			ChatModel model(LoopbackLlmServer server, Duration timeout) {
				return OpenAiChatModel.builder()
					.baseUrl(server.openAiBaseUrl())
					.apiKey("test-key")
					.modelName("m")
					.maxRetries(0)
					.timeout(timeout)
					.build();
			}
		},

		OLLAMA {
			@Override
			ChatModel model(LoopbackLlmServer server, Duration timeout) {
				return OllamaChatModel.builder()
					.baseUrl(server.ollamaBaseUrl())
					.modelName("m")
					.maxRetries(0)
					.timeout(timeout)
					.build();
			}
		};

		abstract ChatModel model(LoopbackLlmServer server, Duration timeout);

	}

}
