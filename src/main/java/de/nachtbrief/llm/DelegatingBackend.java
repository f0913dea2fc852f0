package de.nachtbrief.llm;

import java.util.Optional;

/**
 * A backend wrapped for one concern (the ledger, the meters): everything but {@link #ask}
 * is the wrapped backend's.
 */
abstract class DelegatingBackend implements ModelBackend {

	protected final ModelBackend delegate;

	DelegatingBackend(ModelBackend delegate) {
		this.delegate = delegate;
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public String model() {
		return this.delegate.model();
	}

	@Override
	public int contextWindow() {
		return this.delegate.contextWindow();
	}

	@Override
	public int maxConcurrency() {
		return this.delegate.maxConcurrency();
	}

	@Override
	public Optional<ProviderBatch> batch() {
		return this.delegate.batch();
	}

	@Override
	public Packing packing() {
		return this.delegate.packing();
	}

	@Override
	public String parameters() {
		return this.delegate.parameters();
	}

	@Override
	public double price(long inputTokens, long outputTokens) {
		return this.delegate.price(inputTokens, outputTokens);
	}

}
