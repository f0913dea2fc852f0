package de.nachtbrief.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that starts at a chosen instant and runs many times faster than real time. */
final class AcceleratedClock extends Clock {

	private final Instant start;

	private final long factor;

	private final long startNanos = System.nanoTime();

	private final ZoneId zone;

	AcceleratedClock(Instant start, long factor, ZoneId zone) {
		this.start = start;
		this.factor = factor;
		this.zone = zone;
	}

	@Override
	public Instant instant() {
		return this.start.plusNanos((System.nanoTime() - this.startNanos) * this.factor);
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new AcceleratedClock(instant(), this.factor, zone);
	}

}
