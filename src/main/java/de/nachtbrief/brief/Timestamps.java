package de.nachtbrief.brief;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one format of every published timestamp: RFC 3339 date-time in UTC, to the second.
 */
public final class Timestamps {

	// Explicit: OffsetDateTime.toString() drops ":00" seconds, which is no RFC 3339
	// date-time.
	private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

	private Timestamps() {
	}

	public static String now(Clock clock) {
		return format(OffsetDateTime.now(clock));
	}

	public static String format(OffsetDateTime time) {
		return RFC_3339.format(time.withOffsetSameInstant(ZoneOffset.UTC));
	}

}
