package de.nachtbrief.llm;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The faults of one backend that retrying cannot cure, through the real registry, retry
 * layer and LangChain4j client against a loopback server: an unusable answer is asked for
 * once more, a refused key or unknown model stops the backend at once, an over-long
 * prompt goes back for re-splitting, any other refusal fails the call.
 */
class LastingFaultTests {

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	private final RecordingClock clock = new RecordingClock();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "kein JSON", "{\"topics\":[]}", "[1,2]", "{\"headline\":\" \",\"topics\":[]}" })
	void unusableAnswerIsAskedForOnceMoreWithTheProblemNamed(String badAnswer) {
		this.server.answer((request) -> this.server.chatCalls() == 1 ? badAnswer : Note.JSON);

		Answer<Note> answer = openAi().ask(Note.PROMPT, Note.class);

		assertThat(answer.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
		assertThat(answer.usage().calls()).isEqualTo(2);
		List<RecordedRequest> calls = this.server.chatRequests();
		assertThat(calls).hasSize(2);
		assertThat(calls.get(0).allMessageText()).doesNotContain("previous answer");
		assertThat(calls.get(1).allMessageText()).contains("Your previous answer was not valid JSON for the schema: ")
			.endsWith("Answer again with JSON only.");
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void anEmptyHeadlineIsNamedWhenAskingAgain() {
		this.server.answer((request) -> this.server.chatCalls() == 1 ? "{\"headline\":\"\",\"topics\":[]}" : Note.JSON);

		openAi().ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatRequests().get(1).allMessageText()).contains("'headline' is empty; write it");
	}

	@Test
	void unusableAnswerTwiceFailsTheCall() {
		this.server.answer((request) -> "kein JSON");

		ModelAnswerException failed = catchThrowableOfType(ModelAnswerException.class,
				() -> openAi().ask(Note.PROMPT, Note.class));

		assertThat(failed).isNotInstanceOf(BackendExhaustedException.class)
			.hasMessageContaining("answered twice without the JSON asked for");
		assertThat(failed.usage().calls()).isEqualTo(2);
		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	@Test
	void cutOffAnswerIsAskedForOnceMore() {
		this.server.answer((request) -> Note.JSON);
		this.server.truncateNext(1);

		Answer<Note> answer = openAi().ask(Note.PROMPT, Note.class);

		assertThat(answer.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
		assertThat(this.server.chatCalls()).isEqualTo(2);
		assertThat(this.server.lastChatRequest().allMessageText()).contains("cut off at the output token limit");
	}

	@Test
	void cutOffAnswerTwiceFailsTheCall() {
		this.server.answer((request) -> Note.JSON);
		this.server.truncateNext(2);

		assertThatExceptionOfType(ModelAnswerException.class).isThrownBy(() -> openAi().ask(Note.PROMPT, Note.class))
			.withMessageContaining("cut off");
		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	@Test
	void cutOffAnswerIsAskedForAgainWithoutSendingTheCutOffTextBack() {
		String longAnswer = "{\"headline\":\"Stadtrat beschließt Haushalt mit vielen Worten\",\"topics\":[\"Politik\"]}";
		String cutOff = longAnswer.substring(0, longAnswer.length() / 2);
		this.server.answer((request) -> longAnswer);
		this.server.truncateNext(1);

		openAi().ask(Note.PROMPT, Note.class);

		RecordedRequest reAsk = this.server.lastChatRequest();
		assertThat(reAsk.messages()).extracting((message) -> message.path("role").asText())
			.containsExactly("system", "user", "user");
		assertThat(reAsk.allMessageText()).doesNotContain(cutOff)
			.contains(Note.PROMPT.user())
			.contains("was cut off at the output token limit")
			.contains("shorter");
	}

	@Test
	void promptTooLongOnTheReAskIsAnUnusableAnswerNotAReasonToResplit() {
		this.server.answer((request) -> Note.JSON);
		this.server.truncateNext(1);
		this.server.failNext(1, 400, Map.of(),
				LoopbackLlmServer.openAiError("This model's maximum context length is 8192 tokens.",
						"invalid_request_error", "context_length_exceeded"));

		ModelAnswerException failed = catchThrowableOfType(ModelAnswerException.class,
				() -> openAi().ask(Note.PROMPT, Note.class));

		assertThat(failed).isNotInstanceOf(ContextTooLongException.class)
			.hasMessageContaining("cut off at the output token limit")
			.hasMessageContaining("maximum context length");
		assertThat(failed.usage().calls()).isEqualTo(1);
		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 404, 405, 501 })
	void chatPathTheServerDoesNotServeStopsTheBackendNamingTheUrl(int status) {
		// What a static file server answers to POST /v1/chat/completions: an HTML page.
		this.server.failNext(1, status, Map.of("Content-Type", "text/html"),
				"<!DOCTYPE HTML>\n<html><head><title>Error response</title></head>\n<body><h1>Error response</h1>"
						+ "<p>Error code: " + status + "</p></body></html>\n");

		BackendUnavailableException stopped = catchThrowableOfType(BackendUnavailableException.class,
				() -> openAi().ask(Note.PROMPT, Note.class));

		assertThat(stopped).isNotNull();
		assertThat(stopped.getMessage()).contains(this.server.openAiBaseUrl())
			.contains("HTTP " + status)
			.contains("'m'")
			.doesNotContain("<")
			.doesNotContain("\n");
		assertThat(this.server.chatCalls()).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void refusedKeyStopsAtOnceNamingTheVariableNotTheKey(int status) {
		String key = System.getenv(LoopbackBackends.KEY_VARIABLE);
		assertThat(key).as("%s is set by the Surefire configuration", LoopbackBackends.KEY_VARIABLE).isNotBlank();
		this.server.failNext(1, status, Map.of(), LoopbackLlmServer.openAiError("Incorrect API key provided: " + key,
				"invalid_request_error", "invalid_api_key"));

		BackendUnavailableException refused = catchThrowableOfType(BackendUnavailableException.class,
				() -> openAi("api-key-env", LoopbackBackends.KEY_VARIABLE).ask(Note.PROMPT, Note.class));

		assertThat(this.server.chatCalls()).isEqualTo(1);
		assertThat(this.server.lastChatRequest().authorization()).isEqualTo("Bearer " + key);
		assertThat(refused.getMessage()).contains("'loop'")
			.contains(LoopbackBackends.KEY_VARIABLE)
			.doesNotContain(key)
			.doesNotContain("\n");
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void unknownModelStopsAtOnce() {
		this.server.failNext(1, 404);

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> openAi().ask(Note.PROMPT, Note.class))
			.withMessageContaining("does not know the model 'm'");
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.",
			"prompt is too long: 210000 tokens > 200000 maximum", "Too many tokens in the request" })
	void promptTooLongIsReportedForResplittingWithoutRetry(String message) {
		this.server.failNext(1, 400, Map.of(),
				LoopbackLlmServer.openAiError(message, "invalid_request_error", "context_length_exceeded"));

		assertThatExceptionOfType(ContextTooLongException.class).isThrownBy(() -> openAi().ask(Note.PROMPT, Note.class))
			.withMessageContaining("too long for backend 'loop'");
		assertThat(this.server.chatCalls()).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void otherBadRequestFailsTheCallWithoutRetry() {
		this.server.failNext(1, 400, Map.of(),
				LoopbackLlmServer.openAiError("Invalid value for 'temperature'", "invalid_request_error", null));

		ModelAnswerException failed = catchThrowableOfType(ModelAnswerException.class,
				() -> openAi().ask(Note.PROMPT, Note.class));

		assertThat(failed).isNotInstanceOf(ContextTooLongException.class)
			.isNotInstanceOf(BackendExhaustedException.class)
			.hasMessageContaining("rejected the call: HTTP 400");
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@Test
	void ollamaPromptTooLongIsReportedForResplitting() {
		this.server.failNext(1, 400, Map.of(),
				LoopbackLlmServer.ollamaError("the input length exceeds the context length"));

		assertThatExceptionOfType(ContextTooLongException.class)
			.isThrownBy(() -> ollama().ask(Note.PROMPT, Note.class));
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	private ModelBackend openAi(String... settings) {
		return new LoopbackBackends().openAi("loop", this.server, "m", settings)
			.registry(this.clock)
			.resolve("loop", null, null)
			.model();
	}

	private ModelBackend ollama() {
		return new LoopbackBackends().ollama("local", this.server, "m")
			.registry(this.clock)
			.resolve("local", null, null)
			.model();
	}

}
