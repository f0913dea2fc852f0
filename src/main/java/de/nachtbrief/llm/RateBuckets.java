package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a backend's per-minute allowances ({@code requests-per-minute},
 * {@code tokens-per-minute}) are kept: in this process, or in the shared state database,
 * so that every process of a deployment draws from the same ones
 * ({@link SharedRateBuckets}). Each is a token bucket holding at most a minute's worth,
 * refilled evenly.
 */
public interface RateBuckets {

	/**
	 * Takes {@code amount} from the named bucket and returns zero, or returns how long to
	 * wait before asking again. A per-minute limit of 0 means no limit; an amount larger
	 * than the whole bucket waits for a full one.
	 */
	Duration take(String bucket, long perMinute, long amount, Instant now);

	/** Buckets in this process only. */
	static RateBuckets inProcess() {
		Map<String, Level> levels = new HashMap<>();
		return (bucket, perMinute, amount, now) -> {
			if (perMinute <= 0) {
				return Duration.ZERO;
			}
			synchronized (levels) {
				Level level = levels.getOrDefault(bucket, Level.full(perMinute, now)).at(now, perMinute);
				Duration wait = level.waitFor(amount, perMinute);
				levels.put(bucket, wait.isZero() ? level.minus(amount, perMinute) : level);
				return wait;
			}
		};
	}

	/** A bucket's content at a moment, and the arithmetic of refilling and taking. */
	record Level(double content, Instant refilled) {

		private static final Duration MINUTE = Duration.ofMinutes(1);

		static Level full(long perMinute, Instant now) {
			return new Level(perMinute, now);
		}

		/** Refilled evenly up to now, never above a minute's worth. */
		Level at(Instant now, long perMinute) {
			if (!now.isAfter(this.refilled)) {
				return this;
			}
			double elapsedMinutes = Duration.between(this.refilled, now).toNanos() / (double) MINUTE.toNanos();
			return new Level(Math.min(perMinute, this.content + elapsedMinutes * perMinute), now);
		}

		/**
		 * Zero when the bucket holds the amount (or a full minute's worth), else how long
		 * until it does.
		 */
		Duration waitFor(long amount, long perMinute) {
			double wanted = Math.min(amount, perMinute);
			if (this.content >= wanted) {
				return Duration.ZERO;
			}
			double missingMinutes = (wanted - this.content) / perMinute;
			return Duration.ofNanos(Math.max(1_000_000, (long) Math.ceil(missingMinutes * MINUTE.toNanos())));
		}

		Level minus(long amount, long perMinute) {
			return new Level(this.content - Math.min(amount, perMinute), this.refilled);
		}

	}

}
