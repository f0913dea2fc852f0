package de.nachtbrief.llm;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
 * The faults of one backend that usually pass, through the real registry, retry layer and
 * LangChain4j client against a loopback server: what is retried, how long each wait is,
 * how many calls reach the server, and what is thrown when retries run out.
 * {@link LastingFaultTests} covers the faults that retrying cannot cure.
 */
class RetryingBackendFaultTests {

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	private final RecordingClock clock = new RecordingClock();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void rateLimitWaitsTheSecondsRetryAfterAsksFor() {
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(2, 429, Map.of("Retry-After", "7"), null);

		Answer<Note> answer = openAi().ask(Note.PROMPT, Note.class);

		assertThat(answer.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
		assertThat(this.server.chatCalls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
		assertThat(answer.usage().calls()).isEqualTo(1);
	}

	@Test
	void rateLimitWaitsUntilTheDateRetryAfterNames() {
		this.server.answer((request) -> Note.JSON);
		String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
		this.server.failNext(1, 429, Map.of("Retry-After", in30Seconds), null);

		openAi().ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(2);
		assertThat(this.clock.sleeps()).singleElement()
			.satisfies((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(28), Duration.ofSeconds(30)));
	}

	@Test
	void rateLimitWithoutRetryAfterBacksOffExponentially() {
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(3, 429);

		openAi().ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(4);
		// Full jitter fixed at 0.5: half of 1 s, 2 s and 4 s.
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
				Duration.ofMillis(2000));
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 500, 502, 503, 504 })
	void serverErrorsAreRetriedWithBackoffUpToTheCap(int status) {
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(4, status);

		Answer<Note> answer = openAi("max-backoff", "3s").ask(Note.PROMPT, Note.class);

		assertThat(answer.backend()).isEqualTo("loop");
		assertThat(this.server.chatCalls()).isEqualTo(5);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
				Duration.ofMillis(1500), Duration.ofMillis(1500));
	}

	@Test
	void overloadedServerIsRetriedAfterItsRetryAfter() {
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(1, 503, Map.of("Retry-After", "3"), null);

		openAi().ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(2);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void droppedConnectionIsRetried() {
		this.server.answer((request) -> Note.JSON);
		this.server.resetNext(2);

		openAi().ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(3);
		assertThat(this.clock.sleeps()).hasSize(2);
	}

	@Test
	void connectionRefusedMidRunIsRetriedUntilExhausted() {
		ModelBackend backend = openAi("max-attempts", "5");
		this.server.close();

		BackendExhaustedException exhausted = catchThrowableOfType(BackendExhaustedException.class,
				() -> backend.ask(Note.PROMPT, Note.class));

		assertThat(exhausted.attempts()).isEqualTo(5);
		assertThat(exhausted).hasMessageContaining("connection failed (ConnectException)");
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000),
				Duration.ofMillis(2000), Duration.ofMillis(4000));
	}

	@Test
	void rateLimitedCallKeepsTryingPastFiveAttemptsWithinItsCallBudget() {
		// Issue 11, item 3: five tries within about 4 s used to end the call, and the
		// run.
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(7, 429, Map.of("Retry-After", "1"), null);

		Answer<Note> answer = openAi().ask(Note.PROMPT, Note.class);

		assertThat(answer.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
		assertThat(this.server.chatCalls()).isEqualTo(8);
		assertThat(this.clock.sleeps()).hasSize(7).allMatch(Duration.ofSeconds(1)::equals);
	}

	@Test
	void backendWhoseRecentCallsMostlyFailedIsDownAndIsNotCalledAgain() {
		ModelBackend backend = openAi("max-attempts", "50");
		this.server.failNext(100, 503, Map.of("Retry-After", "0"), null);

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> backend.ask(Note.PROMPT, Note.class))
			.withMessageContaining("'loop'")
			.withMessageContaining("10 of its last 10 calls failed")
			.withMessageContaining("HTTP 503");
		assertThat(this.server.chatCalls()).isEqualTo(10);

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> backend.ask(Note.PROMPT, Note.class));
		assertThat(this.server.chatCalls()).as("an open breaker calls no more").isEqualTo(10);
	}

	@Test
	void requestThatNeverAnswersTimesOutAndIsRetried() {
		this.server.answer((request) -> Note.JSON);
		this.server.hangNext(1);

		Answer<Note> answer = openAi("timeout", "300ms").ask(Note.PROMPT, Note.class);

		assertThat(answer.value().topics()).containsExactly("Politik");
		assertThat(this.server.chatCalls()).isEqualTo(2);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofMillis(500));
	}

	@Test
	void retriesStopAtMaxAttemptsWithTheBackendNamed() {
		this.server.failNext(10, 503);

		BackendExhaustedException exhausted = catchThrowableOfType(BackendExhaustedException.class,
				() -> openAi("max-attempts", "3").ask(Note.PROMPT, Note.class));

		assertThat(exhausted.attempts()).isEqualTo(3);
		assertThat(this.server.chatCalls()).isEqualTo(3);
		assertThat(exhausted.backend()).isEqualTo("loop");
		assertThat(exhausted).hasMessageContaining("'loop'")
			.hasMessageContaining("after 3 attempts")
			.hasMessageContaining("HTTP 503");
		assertThat(this.clock.sleeps()).hasSize(2);
	}

	@Test
	void providerRetriesAreOff() {
		this.server.failNext(2, 500);

		assertThatExceptionOfType(BackendExhaustedException.class)
			.isThrownBy(() -> openAi("max-attempts", "1").ask(Note.PROMPT, Note.class));
		assertThat(this.server.chatCalls()).isEqualTo(1);
	}

	@Test
	void retriesStopWhenTheNextWaitWouldOutlastTheCallBudget() {
		this.server.failNext(10, 500);

		BackendExhaustedException exhausted = catchThrowableOfType(BackendExhaustedException.class,
				() -> openAi("initial-backoff", "2s", "call-budget", "5s").ask(Note.PROMPT, Note.class));

		// Waits of 1 s and 2 s fit the 5 s budget; the third, 4 s, would not.
		assertThat(this.server.chatCalls()).isEqualTo(3);
		assertThat(exhausted.attempts()).isEqualTo(3);
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
		assertThat(exhausted).hasMessageContaining("call budget");
	}

	@Test
	void retryAfterLongerThanTheBudgetGivesUpWithoutWaiting() {
		this.server.failNext(1, 429, Map.of("Retry-After", "3600"), null);

		assertThatExceptionOfType(BackendExhaustedException.class)
			.isThrownBy(() -> openAi().ask(Note.PROMPT, Note.class))
			.withMessageContaining("call budget");
		assertThat(this.server.chatCalls()).isEqualTo(1);
		assertThat(this.clock.sleeps()).isEmpty();
	}

	@Test
	void ollamaRateLimitAndDroppedConnectionAreRetried() {
		this.server.answer((request) -> Note.JSON);
		this.server.failNext(1, 429, Map.of("Retry-After", "2"), null);
		this.server.resetNext(1);

		Answer<Note> answer = ollama().ask(Note.PROMPT, Note.class);

		assertThat(answer.backend()).isEqualTo("local");
		assertThat(this.server.chatRequests()).extracting(RecordedRequest::path)
			.containsExactly("/api/chat", "/api/chat", "/api/chat");
		assertThat(this.clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(1000));
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
