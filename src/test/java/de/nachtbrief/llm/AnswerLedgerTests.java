package de.nachtbrief.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Issue 11, item 8: an answer the provider delivered is in the ledger before anything
 * else is done with it, so a process killed while it parses, meters or records the answer
 * does not pay for it again in the next run.
 */
class AnswerLedgerTests {

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	private final CallLedger ledger = InMemoryLedger.create();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void anAnswerIsInTheLedgerBeforeItIsParsed() {
		this.server.answer((request) -> Note.JSON);
		ModelBackend backend = backend();
		askAndDieOnArrival(backend);
		assertThat(this.server.chatCalls()).isEqualTo(1);

		Answer<Note> nextRun = new LedgerBackend(backend, this.ledger, false, new SimpleMeterRegistry())
			.ask(Note.PROMPT, Note.class);

		assertThat(nextRun.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
		assertThat(this.server.chatCalls()).as("the delivered answer is not asked for again").isEqualTo(1);
		assertThat(nextRun.usage().calls()).as("nor paid for again").isZero();
	}

	@Test
	void freshAsksAgainThoughTheAnswerIsInTheLedger() {
		this.server.answer((request) -> Note.JSON);
		new LedgerBackend(backend(), this.ledger, false, new SimpleMeterRegistry()).ask(Note.PROMPT, Note.class);

		Answer<Note> fresh = new LedgerBackend(backend(), this.ledger, true, new SimpleMeterRegistry()).ask(Note.PROMPT,
				Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(2);
		assertThat(fresh.usage().calls()).isEqualTo(1);
	}

	@Test
	void anUnusableFirstAnswerIsReplayedTooAndOnlyTheReAskIsSent() {
		this.server.answer((request) -> request.allMessageText().contains("not valid JSON") ? Note.JSON : "{\"oops");
		ModelBackend backend = backend();
		askAndDieOnArrival(backend);
		assertThat(this.server.chatCalls()).isEqualTo(2);

		new LedgerBackend(backend, this.ledger, false, new SimpleMeterRegistry()).ask(Note.PROMPT, Note.class);

		assertThat(this.server.chatCalls()).isEqualTo(2);
	}

	/**
	 * Asks through the ledger and dies the moment the answer is back, as a killed process
	 * would, before the ledger could record the parsed answer.
	 */
	private void askAndDieOnArrival(ModelBackend backend) {
		ModelBackend killedOnArrival = new DelegatingBackend(backend) {
			@Override
			public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
				this.delegate.ask(prompt, format);
				throw new IllegalStateException("killed");
			}
		};
		assertThatIllegalStateException()
			.isThrownBy(() -> new LedgerBackend(killedOnArrival, this.ledger, false, new SimpleMeterRegistry())
				.ask(Note.PROMPT, Note.class));
	}

	private ModelBackend backend() {
		return new LoopbackBackends().openAi("loop", this.server, "m")
			.registry(new RecordingClock())
			.resolve("loop", null, null)
			.model();
	}

}
