package de.nachtbrief.extract;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExtractionOptionsTests {

	@Test
	void defaultsAreIsolatedWithTwoMinutesAndOneGigabytePerChild() {
		ExtractionOptions defaults = ExtractionOptions.defaults();

		assertThat(defaults.isolated()).isTrue();
		assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(120));
		assertThat(defaults.maxHeap()).isEqualTo("1g");
		assertThat(defaults.maxCharacters()).isEqualTo(2_000_000);
		assertThat(defaults.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
		assertThat(defaults.parserLimits()).isEqualTo(new ParserLimits(2_000_000, 100, 3, 100, 1000));
	}

	@Test
	void withersChangeOneSettingAndKeepTheRest() {
		ExtractionOptions options = ExtractionOptions.defaults()
			.withMaxCharacters(5_000)
			.withTimeout(Duration.ofSeconds(5))
			.withMaxHeap("256m")
			.withWorkers(3)
			.inProcess();

		assertThat(options)
			.isEqualTo(new ExtractionOptions(5_000, 100, 3, 100, 1000, Duration.ofSeconds(5), "256m", 3, false));
	}

	@Test
	void rejectsSettingsThatCannotWork() {
		ExtractionOptions defaults = ExtractionOptions.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxCharacters(0))
			.withMessageContaining("maxCharacters");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withTimeout(Duration.ZERO))
			.withMessageContaining("timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxHeap("1 GB"))
			.withMessageContaining("512m or 1g");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withWorkers(0)).withMessageContaining("workers");
	}

}
