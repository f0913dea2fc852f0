package de.nachtbrief.llm;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the answers of the calls made on this thread are recorded the moment they arrive:
 * the {@link LedgerBackend} opens the scope around its call, and the
 * {@link ChatModelBackend} deep inside writes each raw answer into it before parsing,
 * metering or retrying anything. A thread-bound scope, as for transactions, because the
 * failover chain, meters and retries in between need not know about it.
 */
final class AnswerRecording {

	private static final ThreadLocal<Scope> current = new ThreadLocal<>();

	/**
	 * @param fresh record answers but replay none: the run asked the model again
	 */
	record Scope(CallLedger ledger, boolean fresh) {
	}

	private AnswerRecording() {
	}

	static <T> T within(CallLedger ledger, boolean fresh, Supplier<T> call) {
		Scope outer = current.get();
		current.set(new Scope(ledger, fresh));
		try {
			return call.get();
		}
		finally {
			if (outer == null) {
				current.remove();
			}
			else {
				current.set(outer);
			}
		}
	}

	static Optional<Scope> current() {
		return Optional.ofNullable(current.get());
	}

}
