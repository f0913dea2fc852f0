package de.nachtbrief.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * What model calls cost at the configured prices, and how the real registry, ledger and
 * client count them in Micrometer, against a loopback server reporting fixed usage.
 */
class ModelCostTests {

	private static final double INPUT_PRICE = 2.5;

	private static final double OUTPUT_PRICE = 10;

	private static final double CACHED_INPUT_PRICE = 0.25;

	/** 120 prompt and 30 answer tokens at the prices above, per million tokens. */
	private static final double CALL_COST = (120 * INPUT_PRICE + 30 * OUTPUT_PRICE) / 1_000_000;

	private final LoopbackLlmServer server = LoopbackLlmServer.start();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void costIsTokensTimesPricePerMillion() {
		BackendProperties properties = backends().properties();

		assertThat(properties.backends().get("paid").cost(1_000_000, 0)).isEqualTo(INPUT_PRICE);
		assertThat(properties.backends().get("paid").cost(0, 1_000_000)).isEqualTo(OUTPUT_PRICE);
		assertThat(properties.backends().get("paid").cost(120, 30)).isCloseTo(0.0006, within(1e-12));
		assertThat(properties.backends().get("free").cost(120, 30)).isZero();
		assertThat(properties.backends().get("paid").with("http://127.0.0.1:1/v1", "other").cost(120, 30))
			.as("a base URL or model override keeps the prices")
			.isEqualTo(CALL_COST);
		assertThat(properties.currency()).isEqualTo("USD");
	}

	@Test
	void unknownCurrencyIsRefusedWithItsKey() {
		LoopbackBackends backends = backends().set("currency", "EURO");

		assertThatExceptionOfType(BindException.class).isThrownBy(backends::properties)
			.havingRootCause()
			.withMessageContaining("currency must be an ISO 4217 code");
	}

	@Test
	void answerCostsItsReportedTokensAtTheBackendsPricesAndIsCounted() {
		this.server.answer((request) -> Note.JSON);
		this.server.usage(120, 30);

		Answer<Note> answer = paid().ask(Note.PROMPT, Note.class);

		assertThat(answer.usage()).isEqualTo(new Usage(120, 30, 1, CALL_COST));
		assertThat(counter("nachtbrief.model.calls", "outcome", "answered")).isEqualTo(1);
		assertThat(counter("nachtbrief.model.tokens", "direction", "input")).isEqualTo(120);
		assertThat(counter("nachtbrief.model.tokens", "direction", "output")).isEqualTo(30);
		assertThat(this.meters.get("nachtbrief.model.cost")
			.tags("backend", "paid", "model", "m", "currency", "EUR")
			.counter()
			.count()).isCloseTo(CALL_COST, within(1e-12));
		assertThat(this.meters.get("nachtbrief.model.latency").tags("backend", "paid", "model", "m").timer().count())
			.isEqualTo(1);
	}

	@Test
	void cachedTokensAreRecordedAndPricedAsCachedInput() {
		this.server.answer((request) -> Note.JSON);
		this.server.usage(120, 30, 100);

		Answer<Note> answer = paid().ask(Note.PROMPT, Note.class);

		double cost = (20 * INPUT_PRICE + 100 * CACHED_INPUT_PRICE + 30 * OUTPUT_PRICE) / 1_000_000;
		assertThat(answer.usage().cachedInputTokens()).isEqualTo(100);
		assertThat(answer.usage().inputTokens()).isEqualTo(120);
		assertThat(answer.usage().cost()).isCloseTo(cost, within(1e-12));
		assertThat(counter("nachtbrief.model.tokens", "direction", "cached-input")).isEqualTo(100);
	}

	@Test
	void cacheHitsReportedOnlyAsDeepSeekDoesArePricedAsCachedInput() {
		this.server.answer((request) -> Note.JSON);
		this.server.usageAsDeepSeek(120, 30, 100);

		Answer<Note> answer = paid().ask(Note.PROMPT, Note.class);

		double cost = (20 * INPUT_PRICE + 100 * CACHED_INPUT_PRICE + 30 * OUTPUT_PRICE) / 1_000_000;
		assertThat(this.server.lastChatRequest().path()).endsWith("/chat/completions");
		assertThat(answer.usage().cachedInputTokens()).isEqualTo(100);
		assertThat(answer.usage().cost()).isCloseTo(cost, within(1e-12));
		assertThat(answer.value().headline()).isEqualTo("Stadtrat beschließt Haushalt");
	}

	@Test
	void replayedAnswerCostsNothingAndIsCountedAsReplayedNotAsCall() {
		this.server.answer((request) -> Note.JSON);
		this.server.usage(120, 30);
		LedgerBackend ledgered = new LedgerBackend(paid(), InMemoryLedger.create(), false, this.meters);

		Answer<Note> first = ledgered.ask(Note.PROMPT, Note.class);
		Answer<Note> replayed = ledgered.ask(Note.PROMPT, Note.class);

		assertThat(first.usage().cost()).isEqualTo(CALL_COST);
		assertThat(replayed.usage()).isEqualTo(Usage.NONE);
		assertThat(replayed.usage().cost()).isZero();
		assertThat(this.server.chatCalls()).isEqualTo(1);
		assertThat(counter("nachtbrief.model.calls", "outcome", "answered")).isEqualTo(1);
		assertThat(counter("nachtbrief.model.calls", "outcome", "replayed")).isEqualTo(1);
		assertThat(counter("nachtbrief.model.tokens", "direction", "input")).isEqualTo(120);
		assertThat(this.meters.get("nachtbrief.model.latency").timer().count()).isEqualTo(1);
		assertThat(first.usage().plus(replayed.usage()).cost()).isEqualTo(CALL_COST);
	}

	@Test
	void unusableAnswersStillCostTheirTokensAndCountAsFailed() {
		this.server.answer((request) -> Note.JSON);
		this.server.usage(120, 30);
		this.server.truncateNext(2);

		ModelAnswerException failed = catchThrowableOfType(() -> paid().ask(Note.PROMPT, Note.class),
				ModelAnswerException.class);

		assertThat(failed.usage().calls()).isEqualTo(2);
		assertThat(failed.usage().cost()).isCloseTo(2 * CALL_COST, within(1e-12));
		assertThat(counter("nachtbrief.model.calls", "outcome", "failed")).isEqualTo(1);
		assertThat(counter("nachtbrief.model.tokens", "direction", "input")).isEqualTo(240);
	}

	private LoopbackBackends backends() {
		return new LoopbackBackends()
			.openAi("paid", this.server, "m", "input-price", String.valueOf(INPUT_PRICE), "output-price",
					String.valueOf(OUTPUT_PRICE), "cached-input-price", String.valueOf(CACHED_INPUT_PRICE))
			.openAi("free", this.server, "m")
			.meters(this.meters);
	}

	private ModelBackend paid() {
		return backends().set("currency", "EUR").registry(new RecordingClock()).resolve("paid", null, null).model();
	}

	private double counter(String name, String key, String value) {
		return this.meters.get(name).tags("backend", "paid", "model", "m", key, value).counter().count();
	}

}
