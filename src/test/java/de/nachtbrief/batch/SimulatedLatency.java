package de.nachtbrief.batch;

import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;

import de.nachtbrief.llm.LoopbackLlmServer.RecordedRequest;

/**
 * Answers chat calls like {@link ScriptedModel} after a latency drawn from a log-normal
 * distribution, and adds up the latency drawn and the time actually slept. The draw is
 * seeded by the call's content, so every variant of the benchmark sees the same latency
 * for the same call, whatever order the calls arrive in.
 */
final class SimulatedLatency implements Function<RecordedRequest, String> {

	static final long SEED = 20260214L;

	/** The fence boundary is random per call; it must not change the draw. */
	private static final Pattern BOUNDARY = Pattern.compile("SOURCE-[0-9a-f]+");

	private final double medianMs;

	private final double sigma;

	private final long capMs;

	private final LongAdder sleptNanos = new LongAdder();

	private final LongAdder drawnMillis = new LongAdder();

	SimulatedLatency(double medianMs, double sigma, long capMs) {
		this.medianMs = medianMs;
		this.sigma = sigma;
		this.capMs = capMs;
	}

	static SimulatedLatency none() {
		return new SimulatedLatency(0, 0, 0);
	}

	@Override
	public String apply(RecordedRequest request) {
		String answer = ScriptedModel.answer(request);
		long latency = latencyMs(request);
		long started = System.nanoTime();
		try {
			Thread.sleep(latency);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.sleptNanos.add(System.nanoTime() - started);
		this.drawnMillis.add(latency);
		return answer;
	}

	long latencyMs(RecordedRequest request) {
		if (this.medianMs <= 0) {
			return 0;
		}
		String call = BOUNDARY.matcher(request.allMessageText()).replaceAll("SOURCE");
		Random random = new Random(SEED * 31 + call.hashCode());
		double drawn = Math.exp(Math.log(this.medianMs) + this.sigma * random.nextGaussian());
		return Math.min(this.capMs, Math.round(drawn));
	}

	double sleptSeconds() {
		return this.sleptNanos.sum() / 1e9;
	}

	/**
	 * The latency asked for; what was slept is a little more, by how late each sleeping
	 * thread woke up.
	 */
	double drawnSeconds() {
		return this.drawnMillis.sum() / 1e3;
	}

	String describe() {
		return "log-normal, median %.0f ms, sigma %.2f, capped at %d ms, seed %d drawn per call content"
			.formatted(this.medianMs, this.sigma, this.capMs, SEED);
	}

}
