package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The retry and failover settings: their defaults, their checks, and the waits they give.
 */
class BackendPropertiesTests {

	@Test
	void retrySettingsDefaultToPatientValues() {
		BackendProperties properties = new LoopbackBackends().set("backends.slow.type", "openai")
			.set("backends.slow.base-url", "http://127.0.0.1:1/v1")
			.set("backends.slow.model", "m")
			.properties();

		BackendProperties.Backend slow = properties.backends().get("slow");
		assertThat(slow.timeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(slow.retryPolicy())
			.isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10)));
		assertThat(properties.failoverCoolDown()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void badRetrySettingNamesItsKey() {
		LoopbackBackends backends = new LoopbackBackends().set("backends.slow.type", "openai")
			.set("backends.slow.base-url", "http://127.0.0.1:1/v1")
			.set("backends.slow.model", "m")
			.set("backends.slow.max-attempts", "0");

		assertThatExceptionOfType(BindException.class).isThrownBy(backends::properties)
			.havingRootCause()
			.withMessage("max-attempts must be at least 1, was 0");
	}

	@Test
	void backoffDoublesUpToTheCapAndJitterPicksWithin() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));

		assertThat(policy.backoff(1, 0.999)).isEqualTo(Duration.ofMillis(999));
		assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.backoff(5, 0.5)).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.backoff(60, 0.5)).isEqualTo(Duration.ofSeconds(5));
		assertThat(policy.backoff(4, 0)).isEqualTo(Duration.ZERO);
	}

	@Test
	void maxBackoffShorterThanInitialIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1)))
			.withMessageContaining("max-backoff");
	}

	@Test
	void retryAfterReadsSecondsAndHttpDates() {
		Instant now = Instant.parse("2026-03-01T12:00:00Z");

		assertThat(CallFailure.retryAfter("17", now)).isEqualTo(Duration.ofSeconds(17));
		assertThat(CallFailure.retryAfter("Sun, 01 Mar 2026 12:01:30 GMT", now)).isEqualTo(Duration.ofSeconds(90));
		assertThat(CallFailure.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", now)).isEqualTo(Duration.ZERO);
		assertThat(CallFailure.retryAfter("soon", now)).isNull();
		assertThat(CallFailure.retryAfter(null, now)).isNull();
	}

}
