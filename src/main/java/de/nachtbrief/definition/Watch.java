package de.nachtbrief.definition;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether {@code nachtbrief serve} watches the job's input folder, starting a run once
 * dropped files have stopped changing for {@code settle}.
 */
public record Watch(@DefaultValue("false") boolean enabled, @DefaultValue("10s") Duration settle) {

	public Watch {
		if (settle.isNegative() || settle.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("watch.settle must be between 0s and 1h, was " + settle);
		}
	}

}
