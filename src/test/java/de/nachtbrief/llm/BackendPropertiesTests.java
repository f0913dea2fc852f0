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
			.isEqualTo(new RetryPolicy(30, Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10)));
		assertThat(properties.failoverCoolDown()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aLocalBackendNeedsNoBaseUrlAndTakesOneCallAtATime() {
		BackendProperties properties = new LoopbackBackends().set("backends.here.type", "local")
			.set("backends.here.model", "modell.gguf")
			.set("backends.here.max-concurrency", "4")
			.set("models.folder", "/srv/models")
			.properties();

		BackendProperties.Backend here = properties.backends().get("here");
		assertThat(here.isLocal()).isTrue();
		assertThat(here.maxConcurrency()).isOne();
		assertThat(here.threads()).isZero();
		assertThat(properties.models().file(here.model())).isEqualTo(java.nio.file.Path.of("/srv/models/modell.gguf"));
		assertThat(properties.models().file("/opt/m.gguf")).isEqualTo(java.nio.file.Path.of("/opt/m.gguf"));
	}

	@Test
	void aCatalogEntryIsCheckedAndPointsAtTheHub() {
		BackendProperties properties = new LoopbackBackends().set("models.hub", "https://hf-mirror.com/")
			.set("models.catalog[qwen2.5-1.5b].repo", "Qwen/Qwen2.5-1.5B-Instruct-GGUF")
			.set("models.catalog[qwen2.5-1.5b].file", "qwen2.5-1.5b-instruct-q4_k_m.gguf")
			.properties();

		assertThat(properties.models().catalog().get("qwen2.5-1.5b").url(properties.models().hub()))
			.hasToString("https://hf-mirror.com/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/"
					+ "qwen2.5-1.5b-instruct-q4_k_m.gguf");
		assertThat(properties.models().catalogName("qwen2.5-1.5b-instruct-q4_k_m.gguf")).hasValue("qwen2.5-1.5b");
		LoopbackBackends badHash = new LoopbackBackends().set("models.catalog[x].repo", "r")
			.set("models.catalog[x].file", "x.gguf")
			.set("models.catalog[x].sha256", "ABC");
		assertThatExceptionOfType(BindException.class).isThrownBy(badHash::properties)
			.havingRootCause()
			.withMessageContaining("sha256 must be 64 lowercase hex digits");
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
