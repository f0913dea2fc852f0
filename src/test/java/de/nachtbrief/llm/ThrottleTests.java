package de.nachtbrief.llm;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 12, part 4: adaptive concurrency and per-backend request and token limits, on a
 * clock that records its waits instead of sleeping.
 */
class ThrottleTests {

	private final RecordingClock clock = new RecordingClock();

	@Test
	void concurrencyHalvesOn429And503AndClimbsBackOnSuccess() throws InterruptedException {
		Throttle throttle = new Throttle(backend(Map.of("max-concurrency", "8")), this.clock);
		assertThat(throttle.limit()).isEqualTo(8);

		call(throttle, true);
		call(throttle, true);
		assertThat(throttle.limit()).as("halved twice").isEqualTo(2);

		call(throttle, false);
		call(throttle, false);
		assertThat(throttle.limit()).as("one more after as many successes as the limit").isEqualTo(3);
		for (int success = 0; success < 100; success++) {
			call(throttle, false);
		}
		assertThat(throttle.limit()).as("never above max-concurrency").isEqualTo(8);
		for (int overload = 0; overload < 10; overload++) {
			call(throttle, true);
		}
		assertThat(throttle.limit()).as("never below one").isEqualTo(1);
	}

	@Test
	void callsBeyondTheLimitWaitForASlot() throws Exception {
		Throttle throttle = new Throttle(backend(Map.of("max-concurrency", "1")), this.clock);
		throttle.acquire(0);
		Thread second = new Thread(() -> {
			try {
				throttle.acquire(0);
				throttle.release(false);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		second.start();
		second.join(200);
		assertThat(second.isAlive()).as("the second call waits while the first is in flight").isTrue();

		throttle.release(false);
		second.join(10_000);
		assertThat(second.isAlive()).isFalse();
	}

	@Test
	void requestsPerMinuteWaitForTheBucketToRefill() throws InterruptedException {
		Throttle throttle = new Throttle(backend(Map.of("requests-per-minute", "60")), this.clock);
		for (int request = 0; request < 60; request++) {
			call(throttle, false);
		}
		assertThat(this.clock.sleeps()).as("a minute's worth goes out at once").isEmpty();

		call(throttle, false);

		assertThat(this.clock.sleeps()).singleElement()
			.satisfies((wait) -> assertThat(wait).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000)));
	}

	@Test
	void tokensPerMinuteCountThePromptTokens() throws InterruptedException {
		Throttle throttle = new Throttle(backend(Map.of("tokens-per-minute", "1000")), this.clock);
		throttle.acquire(800);
		throttle.release(false);
		assertThat(this.clock.sleeps()).isEmpty();

		throttle.acquire(800);
		throttle.release(false);

		// 600 tokens missing at 1,000 a minute: 36 seconds.
		assertThat(this.clock.sleeps()).singleElement()
			.satisfies((wait) -> assertThat(wait).isBetween(Duration.ofSeconds(35), Duration.ofSeconds(36)));
	}

	@Test
	void negativeLimitsAreRefusedNamingTheKey() {
		assertThatThrownBy(() -> backend(Map.of("requests-per-minute", "-1")))
			.hasStackTraceContaining("requests-per-minute must be 0 (no limit) or more");
		assertThatThrownBy(() -> backend(Map.of("tokens-per-minute", "-5")))
			.hasStackTraceContaining("tokens-per-minute must be 0 (no limit) or more");
	}

	private static void call(Throttle throttle, boolean overloaded) throws InterruptedException {
		throttle.acquire(0);
		throttle.release(overloaded);
	}

	static BackendProperties.Backend backend(Map<String, String> settings) {
		LoopbackBackends backends = new LoopbackBackends().set("backends.b.type", "openai")
			.set("backends.b.base-url", "http://127.0.0.1:1/v1")
			.set("backends.b.model", "m");
		settings.forEach((key, value) -> backends.set("backends.b." + key, value));
		return backends.properties().backends().get("b");
	}

}
