package de.nachtbrief.llm;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry layer for calls to a backend. Failures that usually pass are retried with
 * exponential backoff and full jitter, or after the wait a {@code Retry-After} header
 * asks for, within the attempts and the time budget of the backend's {@link RetryPolicy};
 * a wait that would outlast the budget ends the retries at once, so that failover need
 * not sleep in vain. Failures that cannot pass are turned into the exception that says
 * what to do about them. A {@link CircuitBreaker} over the backend's recent attempts
 * tells a backend that is down as a whole, which stops every call at once.
 */
final class RetryingCaller {

	private static final Logger log = LoggerFactory.getLogger(RetryingCaller.class);

	private final String backend;

	private final BackendProperties.Backend config;

	private final RetryPolicy policy;

	private final RetryClock clock;

	private final DoubleSupplier jitter;

	private final CircuitBreaker breaker = new CircuitBreaker();

	private final Throttle throttle;

	RetryingCaller(String backend, BackendProperties.Backend config, RetryClock clock, DoubleSupplier jitter,
			RateBuckets buckets) {
		this.backend = backend;
		this.config = config;
		this.policy = config.retryPolicy();
		this.clock = clock;
		this.jitter = jitter;
		this.throttle = new Throttle(backend, config, clock, buckets);
	}

	<R> R call(Supplier<R> attempt) {
		return call(attempt, () -> 0, (result) -> {
		});
	}

	/**
	 * @param promptTokens how many prompt tokens the call sends, for the backend's
	 * tokens-per-minute limit
	 * @param keep runs on the result while the call still holds its slot, so a call
	 * waiting for the slot starts only after it; what it throws is not the backend's
	 * failure and is not retried
	 */
	<R> R call(Supplier<R> attempt, LongSupplier promptTokens, Consumer<R> keep) {
		Instant started = this.clock.now();
		long tokens = this.config.tokensPerMinute() > 0 ? promptTokens.getAsLong() : 0;
		for (int attempts = 1;; attempts++) {
			throwIfDown(null);
			awaitTurn(tokens, attempts);
			R result;
			try {
				result = attempt.get();
			}
			catch (RuntimeException thrown) {
				CallFailure failure = CallFailure.of(thrown, this.clock.now());
				release(failure.status() == 429 || failure.status() == 503);
				awaitRetry(failure, thrown, attempts, started);
				continue;
			}
			this.breaker.succeeded();
			try {
				keep.accept(result);
			}
			finally {
				this.throttle.release(false);
			}
			return result;
		}
	}

	/**
	 * Throws when the failure is lasting, the backend is down or the call's attempts or
	 * budget are used up; otherwise waits before the next attempt.
	 */
	private void awaitRetry(CallFailure failure, RuntimeException thrown, int attempts, Instant started) {
		if (failure.kind() != CallFailure.Kind.TRANSIENT) {
			throw lasting(failure, thrown);
		}
		if (this.breaker.failed(failure.detail(), this.clock.now())) {
			throwIfDown(thrown);
		}
		if (attempts >= this.policy.maxAttempts()) {
			throw exhausted(attempts, failure, "after " + attempts + " attempts", thrown);
		}
		Duration wait = failure.retryAfter() != null ? failure.retryAfter()
				: this.policy.backoff(attempts, this.jitter.getAsDouble());
		Duration remaining = this.policy.callBudget().minus(Duration.between(started, this.clock.now()));
		if (wait.compareTo(remaining) >= 0) {
			throw exhausted(attempts, failure, "after " + attempts + " attempts: waiting " + wait.toMillis()
					+ " ms more would outlast the call budget of " + this.policy.callBudget(), thrown);
		}
		log.warn("Backend '{}' failed ({}); attempt {} of {}, retrying in {} ms", this.backend, failure.detail(),
				attempts, this.policy.maxAttempts(), wait.toMillis());
		sleep(wait, attempts, thrown);
	}

	private void awaitTurn(long tokens, int attempts) {
		try {
			this.throttle.acquire(tokens);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackendExhaustedException(
					"backend '" + this.backend + "' was interrupted while waiting for its turn to call", this.backend,
					attempts - 1, ex);
		}
	}

	/** Gives the throttle its slot back, and says so when an overload narrowed it. */
	private void release(boolean overloaded) {
		int before = this.throttle.limit();
		this.throttle.release(overloaded);
		int after = this.throttle.limit();
		if (after < before) {
			log.info("Backend '{}' is overloaded; at most {} of its calls at once for now", this.backend, after);
		}
	}

	private void throwIfDown(RuntimeException cause) {
		String reason = this.breaker.openReason(this.clock.now());
		if (reason != null) {
			String where = (this.config.baseUrl() != null) ? " at " + this.config.baseUrl() : "";
			throw new BackendUnavailableException("backend '" + this.backend + "'" + where + " looks down: " + reason
					+ "; no more calls for " + CircuitBreaker.OPEN_FOR.toSeconds() + " s", cause);
		}
	}

	private RuntimeException lasting(CallFailure failure, RuntimeException cause) {
		String name = "backend '" + this.backend + "'";
		return switch (failure.kind()) {
			case KEY_REFUSED -> new BackendUnavailableException(
					name + " refused the API key (" + failure.detail() + "); " + Preflight.keyHint(this.config), cause);
			case MODEL_UNKNOWN -> new BackendUnavailableException(name + " does not know the model '"
					+ this.config.model() + "' at " + this.config.baseUrl() + ", or that URL serves no chat API ("
					+ failure.detail() + "); check the base URL and the model name", cause);
			case UNREACHABLE -> new BackendUnavailableException(
					name + " is unreachable at " + this.config.baseUrl() + " (" + failure.detail() + ")", cause);
			case CONTEXT_TOO_LONG -> new ContextTooLongException(
					"the prompt is too long for " + name + " (model " + this.config.model() + "): " + failure.detail(),
					Usage.NONE, cause);
			case REJECTED, TRANSIENT ->
				new ModelAnswerException(name + " rejected the call: " + failure.detail(), Usage.NONE, cause);
		};
	}

	private BackendExhaustedException exhausted(int attempts, CallFailure failure, String why, RuntimeException cause) {
		return new BackendExhaustedException(
				"backend '" + this.backend + "' stayed unavailable " + why + "; last: " + failure.detail(),
				this.backend, attempts, cause);
	}

	private void sleep(Duration wait, int attempts, RuntimeException cause) {
		try {
			this.clock.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw exhausted(attempts, CallFailure.of(cause, this.clock.now()), "(interrupted while waiting to retry)",
					cause);
		}
	}

}
