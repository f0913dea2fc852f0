package de.nachtbrief.serve;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.nachtbrief.definition.Schedule;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final Schedule NIGHTLY = new Schedule("0 0 2 * * *", "Europe/Berlin", true);

	@Test
	void firesOnceANightAcrossTheSpringForwardWhenTwoOClockDoesNotExist() {
		// 29 March 2026: clocks jump from 02:00 to 03:00 in Berlin.
		List<Instant> fired = fireTimes(berlin("2026-03-27T12:00"), Duration.ofDays(4));
		assertThat(fired).containsExactly(berlin("2026-03-28T02:00"), berlin("2026-03-29T03:00"),
				berlin("2026-03-30T02:00"), berlin("2026-03-31T02:00"));
		assertThat(fired.get(0)).isEqualTo(Instant.parse("2026-03-28T01:00:00Z"));
		assertThat(fired.get(2)).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
	}

	@Test
	void firesOnceANightAcrossTheFallBackWhenTwoOClockComesTwice() {
		// 25 October 2026: clocks go back from 03:00 to 02:00 in Berlin.
		List<Instant> fired = fireTimes(berlin("2026-10-23T12:00"), Duration.ofDays(4));
		assertThat(fired).hasSize(4);
		assertThat(fired.get(0)).isEqualTo(Instant.parse("2026-10-24T00:00:00Z"));
		assertThat(fired.get(1)).isEqualTo(Instant.parse("2026-10-25T00:00:00Z"));
		assertThat(fired.get(2)).isEqualTo(Instant.parse("2026-10-26T01:00:00Z"));
		assertThat(fired.get(3)).isEqualTo(Instant.parse("2026-10-27T01:00:00Z"));
	}

	@Test
	void catchesUpThreeMissedNightsWithOneRunAtStartUp() {
		MutableClock clock = new MutableClock(berlin("2026-05-14T14:00"));
		Scheduler scheduler = new Scheduler(NIGHTLY, clock, berlin("2026-05-11T02:00").plusSeconds(5));

		assertThat(scheduler.due()).isTrue();
		assertThat(scheduler.due()).isFalse();
		assertThat(scheduler.next()).isEqualTo(berlin("2026-05-15T02:00"));
		clock.set(berlin("2026-05-15T01:59"));
		assertThat(scheduler.due()).isFalse();
		clock.set(berlin("2026-05-15T02:00"));
		assertThat(scheduler.due()).isTrue();
		assertThat(scheduler.due()).isFalse();
	}

	@Test
	void doesNotCatchUpWhenTonightsRunHappened() {
		MutableClock clock = new MutableClock(berlin("2026-05-14T14:00"));
		Scheduler scheduler = new Scheduler(NIGHTLY, clock, berlin("2026-05-14T02:00").plusSeconds(5));
		assertThat(scheduler.due()).isFalse();
		assertThat(scheduler.next()).isEqualTo(berlin("2026-05-15T02:00"));
	}

	@Test
	void aJobThatNeverRanWaitsForItsFirstFireTime() {
		MutableClock clock = new MutableClock(berlin("2026-05-14T14:00"));
		Scheduler scheduler = new Scheduler(NIGHTLY, clock, null);
		assertThat(scheduler.due()).isFalse();
		assertThat(scheduler.next()).isEqualTo(berlin("2026-05-15T02:00"));
	}

	@Test
	void aClockThatJumpsOverSeveralFireTimesGivesOneRun() {
		MutableClock clock = new MutableClock(berlin("2026-05-14T14:00"));
		Scheduler scheduler = new Scheduler(NIGHTLY, clock, null);
		clock.advance(Duration.ofDays(3));
		assertThat(scheduler.due()).isTrue();
		assertThat(scheduler.due()).isFalse();
	}

	@Test
	void aFireTimeInTheRepeatedHourRunsOnlyAtItsFirstOccurrence() {
		Schedule quarterToThree = new Schedule("0 45 2 * * *", "Europe/Berlin", true);
		MutableClock clock = new MutableClock(Instant.parse("2026-10-25T00:30:00Z"));
		Scheduler scheduler = new Scheduler(quarterToThree, clock, null);
		assertThat(scheduler.next()).isEqualTo(Instant.parse("2026-10-25T00:45:00Z"));
		clock.set(Instant.parse("2026-10-25T00:45:00Z"));
		assertThat(scheduler.due()).isTrue();
		assertThat(scheduler.next()).isEqualTo(Instant.parse("2026-10-26T01:45:00Z"));
	}

	private static List<Instant> fireTimes(Instant start, Duration span) {
		MutableClock clock = new MutableClock(start);
		Scheduler scheduler = new Scheduler(NIGHTLY, clock, null);
		List<Instant> fired = new ArrayList<>();
		for (Instant end = start.plus(span); clock.instant().isBefore(end); clock.advance(Duration.ofMinutes(1))) {
			if (scheduler.due()) {
				fired.add(clock.instant());
			}
		}
		return fired;
	}

	private static Instant berlin(String local) {
		return ZonedDateTime.of(java.time.LocalDateTime.parse(local), BERLIN).toInstant();
	}

}
