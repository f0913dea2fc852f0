package de.nachtbrief.llm;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counts one real backend's calls, latency, tokens and cost in Micrometer, tagged with
 * the backend's configured name and model (both bounded by configuration). One call is
 * one answer asked for: the request that repeats an unusable answer belongs to it, and so
 * do its retries, whose waits are part of the latency an operator sees. Answers replayed
 * from the ledger never reach a real backend; {@link LedgerBackend} counts those with
 * {@link #replayed}.
 */
final class MeteredBackend extends DelegatingBackend {

	static final String CALLS = "nachtbrief.model.calls";

	private final Counter answered;

	private final Counter failed;

	private final Timer latency;

	private final Counter inputTokens;

	/** The part of the input tokens served from the provider's prompt cache. */
	private final Counter cachedInputTokens;

	private final Counter outputTokens;

	private final Counter cost;

	MeteredBackend(ModelBackend delegate, MeterRegistry meters, String currency) {
		super(delegate);
		String backend = delegate.name();
		String model = delegate.model();
		this.answered = calls(meters, backend, model, "answered");
		this.failed = calls(meters, backend, model, "failed");
		this.latency = Timer.builder("nachtbrief.model.latency")
			.description("How long a model call took, retries and waits included")
			.tags("backend", backend, "model", model)
			.register(meters);
		this.inputTokens = tokens(meters, backend, model, "input");
		this.outputTokens = tokens(meters, backend, model, "output");
		this.cachedInputTokens = tokens(meters, backend, model, "cached-input");
		this.cost = Counter.builder("nachtbrief.model.cost")
			.description("What model calls cost at the configured prices; 0 where no price is configured")
			.tags("backend", backend, "model", model, "currency", currency)
			.register(meters);
	}

	/**
	 * Counts an answer the ledger replayed, under the backend and model that once gave
	 * it.
	 */
	static void replayed(MeterRegistry meters, String backend, String model) {
		calls(meters, backend, model, "replayed").increment();
	}

	private static Counter calls(MeterRegistry meters, String backend, String model, String outcome) {
		return Counter.builder(CALLS)
			.description("Model calls by outcome: answered, failed, or replayed from the ledger at no cost")
			.tags("backend", backend, "model", model, "outcome", outcome)
			.register(meters);
	}

	private static Counter tokens(MeterRegistry meters, String backend, String model, String direction) {
		return Counter.builder("nachtbrief.model.tokens")
			.description("Tokens sent to (input) and received from (output) a model")
			.tags("backend", backend, "model", model, "direction", direction)
			.register(meters);
	}

	@Override
	public <T> Answer<T> ask(Prompt prompt, AnswerFormat<T> format) {
		long started = System.nanoTime();
		try {
			Answer<T> answer = this.delegate.ask(prompt, format);
			this.answered.increment();
			spent(answer.usage());
			return answer;
		}
		catch (ModelAnswerException ex) {
			this.failed.increment();
			// Providers bill refused and cut-off answers too.
			spent(ex.usage());
			throw ex;
		}
		catch (RuntimeException ex) {
			this.failed.increment();
			throw ex;
		}
		finally {
			this.latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		}
	}

	private void spent(Usage usage) {
		if (usage != null) {
			this.inputTokens.increment(usage.inputTokens());
			this.cachedInputTokens.increment(usage.cachedInputTokens());
			this.outputTokens.increment(usage.outputTokens());
			this.cost.increment(usage.cost());
		}
	}

}
