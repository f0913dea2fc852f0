package de.nachtbrief.batch;

/**
 * A run's spending cap ({@code budget} in the job file, in the deployment's currency).
 * Each document is admitted with its estimated cost before its calls go out, and settled
 * at what it actually cost. The first document whose estimate would cross the cap closes
 * the budget: no document after it is sent, so the run stops at a predictable point and
 * the next run takes up the rest.
 */
final class RunBudget {

	private final double limit;

	private double estimated;

	private double committed;

	private boolean closed;

	RunBudget(double limit) {
		this.limit = limit;
	}

	/** The plan's budget, or null when its job sets none. */
	static RunBudget of(RunPlan plan) {
		return plan.definition().budget() != null ? new RunBudget(plan.definition().budget()) : null;
	}

	/** Whether a document estimated to cost this much may be sent. */
	synchronized boolean admit(double estimatedCost) {
		if (!this.closed && this.committed + estimatedCost > this.limit) {
			this.closed = true;
		}
		if (this.closed) {
			return false;
		}
		this.committed += estimatedCost;
		this.estimated += estimatedCost;
		return true;
	}

	/** Replaces an admitted document's estimate by what it cost. */
	synchronized void settle(double estimatedCost, double actualCost) {
		this.committed += actualCost - estimatedCost;
	}

	/**
	 * Counts what a batch's answers cost, spent before the documents that use them are
	 * briefed (and admitted without an estimate of their own).
	 */
	synchronized void prepaid(double cost) {
		this.committed += cost;
		this.estimated += cost;
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	double limit() {
		return this.limit;
	}

	/** What the admitted documents were estimated to cost, for the run report. */
	synchronized double estimated() {
		return this.estimated;
	}

}
