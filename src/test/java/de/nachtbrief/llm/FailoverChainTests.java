package de.nachtbrief.llm;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Failover chains through the real registry against two loopback servers. */
class FailoverChainTests {

	private final LoopbackLlmServer first = LoopbackLlmServer.start();

	private final LoopbackLlmServer second = LoopbackLlmServer.start();

	private final RecordingClock clock = new RecordingClock();

	@BeforeEach
	void answerEverything() {
		this.first.models("m1");
		this.second.models("m2");
		this.first.answer((request) -> Note.JSON);
		this.second.answer((request) -> Note.JSON);
	}

	@AfterEach
	void stopServers() {
		this.first.close();
		this.second.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "first > second", "first,second", " first >second " })
	void chainResolvesToAFailoverBackendOverItsMembers(String chain) {
		BackendChoice choice = registry().resolve(chain, null, null);

		assertThat(choice.name()).isEqualTo("first > second");
		assertThat(choice.model()).isInstanceOf(FailoverBackend.class);
		assertThat(choice.model().model()).isEqualTo("m1 > m2");
		assertThat(choice.model().contextWindow()).isEqualTo(8192);
		assertThat(choice.model().maxConcurrency()).isEqualTo(2);
	}

	@Test
	void backendThatStaysDownHandsTheCallToTheNextAndCoolsDown() {
		this.first.failNext(2, 503);
		ModelBackend chain = registry().resolve("first > second", null, null).model();

		Answer<Note> failedOver = chain.ask(Note.PROMPT, Note.class);

		assertThat(failedOver.backend()).isEqualTo("second");
		assertThat(failedOver.model()).isEqualTo("m2");
		assertThat(this.first.chatCalls()).isEqualTo(2);
		assertThat(this.second.chatCalls()).isEqualTo(1);

		Answer<Note> duringCoolDown = chain.ask(Note.PROMPT, Note.class);

		assertThat(duringCoolDown.backend()).isEqualTo("second");
		assertThat(this.first.chatCalls()).isEqualTo(2);

		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		Answer<Note> afterCoolDown = chain.ask(Note.PROMPT, Note.class);

		assertThat(afterCoolDown.backend()).isEqualTo("first");
		assertThat(afterCoolDown.model()).isEqualTo("m1");
		assertThat(this.first.chatCalls()).isEqualTo(3);
		assertThat(this.second.chatCalls()).isEqualTo(2);
	}

	@Test
	void refusedKeyMidRunHandsTheCallToTheNext() {
		this.first.failNext(1, 401);
		ModelBackend chain = registry().resolve("first > second", null, null).model();

		assertThat(chain.ask(Note.PROMPT, Note.class).backend()).isEqualTo("second");
		assertThat(this.first.chatCalls()).isEqualTo(1);
	}

	@Test
	void badAnswerDoesNotFailOver() {
		this.first.answer((request) -> "kein JSON");
		ModelBackend chain = registry().resolve("first > second", null, null).model();

		assertThatExceptionOfType(ModelAnswerException.class).isThrownBy(() -> chain.ask(Note.PROMPT, Note.class))
			.isNotInstanceOf(BackendExhaustedException.class);
		assertThat(this.first.chatCalls()).isEqualTo(2);
		assertThat(this.second.chatCalls()).isZero();
	}

	@Test
	void promptTooLongDoesNotFailOver() {
		this.first.failNext(1, 400, Map.of(), LoopbackLlmServer.openAiError("maximum context length is 8192 tokens",
				"invalid_request_error", "context_length_exceeded"));
		ModelBackend chain = registry().resolve("first > second", null, null).model();

		assertThatExceptionOfType(ContextTooLongException.class).isThrownBy(() -> chain.ask(Note.PROMPT, Note.class));
		assertThat(this.second.chatCalls()).isZero();
	}

	@Test
	void lastBackendDownFailsTheCallAsExhausted() {
		this.first.failNext(2, 503);
		this.second.failNext(2, 429);
		ModelBackend chain = registry().resolve("first > second", null, null).model();

		assertThatExceptionOfType(BackendExhaustedException.class).isThrownBy(() -> chain.ask(Note.PROMPT, Note.class))
			.satisfies((ex) -> assertThat(ex.backend()).isEqualTo("second"));
		assertThat(this.first.chatCalls()).isEqualTo(2);
		assertThat(this.second.chatCalls()).isEqualTo(2);
	}

	@Test
	void unreachableBackendIsSkippedAtPreflight() {
		this.first.close();

		BackendChoice choice = registry().resolve("first > second", null, null);

		assertThat(choice.name()).isEqualTo("second");
		assertThat(choice.model()).isNotInstanceOf(FailoverBackend.class);
		assertThat(choice.reason()).contains("skipped").contains("'first' is unreachable");
		assertThat(choice.model().ask(Note.PROMPT, Note.class).backend()).isEqualTo("second");
		assertThat(this.second.chatCalls()).isEqualTo(1);
	}

	@Test
	void chainWithNoReachableBackendFailsTheRun() {
		this.first.close();
		this.second.close();

		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry().resolve("first > second", null, null))
			.withMessageContaining("no backend of the chain 'first > second' is reachable")
			.withMessageContaining("'first' is unreachable")
			.withMessageContaining("'second' is unreachable");
	}

	@ParameterizedTest
	@ValueSource(strings = { "first > nope", "first > > second", "first > extractive", "auto, first", "first > first" })
	void chainNamingAnythingButConfiguredBackendsFailsBeforeAnyCheck(String chain) {
		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry().resolve(chain, null, null));
		assertThat(this.first.requests()).isEmpty();
	}

	@Test
	void chainRefusesModelOverrides() {
		assertThatExceptionOfType(BackendUnavailableException.class)
			.isThrownBy(() -> registry().resolve("first > second", null, "other"))
			.withMessageContaining("single backend");
	}

	private BackendRegistry registry() {
		return new LoopbackBackends()
			.openAi("first", this.first, "m1", "max-attempts", "2", "context-window", "8192", "max-concurrency", "2")
			.openAi("second", this.second, "m2", "max-attempts", "2")
			.registry(this.clock);
	}

}
