package de.nachtbrief.definition;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * When {@code nachtbrief serve} runs a job: a six-field Spring cron expression (second,
 * minute, hour, day of month, month, day of week) read in a time zone.
 */
public record Schedule(@DefaultValue("0 0 2 * * *") String cron, @DefaultValue("Europe/Berlin") String zone,
		@DefaultValue("true") boolean enabled) {

	public Schedule {
		if (!CronExpression.isValidExpression(cron)) {
			throw new IllegalArgumentException(
					"schedule.cron must be six fields (second minute hour day month weekday), was '" + cron + "'");
		}
		try {
			ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException(
					"schedule.zone must be a time zone like Europe/Berlin, was '" + zone + "'");
		}
	}

	public CronExpression expression() {
		return CronExpression.parse(this.cron);
	}

	public ZoneId zoneId() {
		return ZoneId.of(this.zone);
	}

}
