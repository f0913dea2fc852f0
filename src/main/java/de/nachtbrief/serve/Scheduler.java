package de.nachtbrief.serve;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.scheduling.support.CronExpression;

import de.nachtbrief.definition.Schedule;

/**
 * Decides when a job's scheduled run is due. Asked on every tick, it answers yes once per
 * fire time that has come; fire times missed while the service was down, or while the
 * clock jumped, make one run, not one per fire time.
 */
public final class Scheduler {

	private final CronExpression cron;

	private final ZoneId zone;

	private final Clock clock;

	private Instant next;

	/**
	 * @param lastRun when the job last started, or null when it never ran: a job that
	 * never ran waits for its first fire time instead of catching up
	 */
	public Scheduler(Schedule schedule, Clock clock, Instant lastRun) {
		this.cron = schedule.expression();
		this.zone = schedule.zoneId();
		this.clock = clock;
		Instant now = clock.instant();
		Instant missed = (lastRun != null) ? nextAfter(lastRun) : null;
		this.next = (missed != null && !missed.isAfter(now)) ? now : nextAfter(now);
	}

	/** The fire time of the next scheduled run. */
	public Instant next() {
		return this.next;
	}

	/** True when a run is due now; the next fire time is then the first after now. */
	public synchronized boolean due() {
		Instant now = this.clock.instant();
		if (this.next == null || now.isBefore(this.next)) {
			return false;
		}
		this.next = nextAfter(now);
		return true;
	}

	/**
	 * The cron expression is read in local wall time, so a fire time that falls into the
	 * spring-forward gap runs at the first moment after it, and one that the fall-back
	 * hour repeats runs once, at its first occurrence.
	 */
	private Instant nextAfter(Instant instant) {
		LocalDateTime local = instant.atZone(this.zone).toLocalDateTime();
		for (int tries = 0; tries < 3; tries++) {
			local = this.cron.next(local);
			if (local == null) {
				return null;
			}
			Instant candidate = local.atZone(this.zone).toInstant();
			if (candidate.isAfter(instant)) {
				return candidate;
			}
			// Inside the repeated hour: this wall time already came once tonight.
		}
		return null;
	}

}
