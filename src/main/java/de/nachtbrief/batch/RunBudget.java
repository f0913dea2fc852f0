package de.nachtbrief.batch;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import de.nachtbrief.store.OwnTransaction;

/**
 * A run's spending cap ({@code budget} in the job file, in the deployment's currency).
 * Each document is admitted with its estimated cost before its calls go out, and settled
 * at what it actually cost. The first document whose estimate would cross the cap closes
 * the budget: no document after it is sent, so the run stops at a predictable point and
 * the next run takes up the rest.
 *
 * <p>
 * When workers brief the run's partitions, the tally lives in the state database
 * ({@code NB_RUN_BUDGET}, one row per run, reset when an attempt starts), so the cap
 * holds for all of them together rather than for each.
 */
final class RunBudget {

	private final double limit;

	private final Tally tally;

	private RunBudget(double limit, Tally tally) {
		this.limit = limit;
		this.tally = tally;
	}

	RunBudget(double limit) {
		this(limit, new InProcess());
	}

	/** The plan's budget, kept in this process, or null when its job sets none. */
	static RunBudget of(RunPlan plan) {
		return plan.definition().budget() != null ? new RunBudget(plan.definition().budget()) : null;
	}

	/**
	 * The plan's budget kept in the state database, or null; a worker's is for the run it
	 * briefs, the manager's for the run that {@link #startAttempt} names.
	 */
	static RunBudget shared(RunPlan plan, JdbcClient jdbc, PlatformTransactionManager transactions, long run) {
		return plan.definition().budget() != null ? shared(plan.definition().budget(), jdbc, transactions, run) : null;
	}

	static RunBudget shared(double limit, JdbcClient jdbc, PlatformTransactionManager transactions, long run) {
		return new RunBudget(limit, new Shared(jdbc, OwnTransaction.of(transactions), new AtomicLong(run)));
	}

	/**
	 * Starts an attempt of this run at zero: the manager, before it sends any partition.
	 */
	void startAttempt(long run) {
		this.tally.startAttempt(run);
	}

	/** Whether a document estimated to cost this much may be sent. */
	boolean admit(double estimatedCost) {
		return this.tally.admit(estimatedCost, this.limit);
	}

	/** Replaces an admitted document's estimate by what it cost. */
	void settle(double estimatedCost, double actualCost) {
		this.tally.add(actualCost - estimatedCost, 0);
	}

	/**
	 * Counts what a batch's answers cost, spent before the documents that use them are
	 * briefed (and admitted without an estimate of their own).
	 */
	void prepaid(double cost) {
		this.tally.add(cost, cost);
	}

	boolean isClosed() {
		return this.tally.closed();
	}

	double limit() {
		return this.limit;
	}

	/** What the admitted documents were estimated to cost, for the run report. */
	double estimated() {
		return this.tally.estimated();
	}

	/** What was committed against the cap, what was estimated, and whether it closed. */
	private interface Tally {

		void startAttempt(long run);

		boolean admit(double estimatedCost, double limit);

		void add(double committed, double estimated);

		boolean closed();

		double estimated();

	}

	private static final class InProcess implements Tally {

		private double estimated;

		private double committed;

		private boolean closed;

		@Override
		public synchronized void startAttempt(long run) {
			this.estimated = 0;
			this.committed = 0;
			this.closed = false;
		}

		@Override
		public synchronized boolean admit(double estimatedCost, double limit) {
			if (!this.closed && this.committed + estimatedCost > limit) {
				this.closed = true;
			}
			if (this.closed) {
				return false;
			}
			this.committed += estimatedCost;
			this.estimated += estimatedCost;
			return true;
		}

		@Override
		public synchronized void add(double committed, double estimated) {
			this.committed += committed;
			this.estimated += estimated;
		}

		@Override
		public synchronized boolean closed() {
			return this.closed;
		}

		@Override
		public synchronized double estimated() {
			return this.estimated;
		}

	}

	/**
	 * The same in one row: each admission is one conditional update, atomic under the
	 * row's lock, so two workers cannot both take the last of the budget. Each write
	 * commits at once, outside the document's transaction, so no worker holds the row
	 * while its model works.
	 */
	private record Shared(JdbcClient jdbc, TransactionTemplate ownTransaction, AtomicLong run) implements Tally {

		@Override
		public void startAttempt(long run) {
			this.run.set(run);
			this.ownTransaction.executeWithoutResult((status) -> {
				this.jdbc.sql("DELETE FROM NB_RUN_BUDGET WHERE RUN_ID = ?").param(run).update();
				this.jdbc.sql("INSERT INTO NB_RUN_BUDGET (RUN_ID) VALUES (?)").param(run).update();
			});
		}

		@Override
		public boolean admit(double estimatedCost, double limit) {
			return this.ownTransaction.execute((status) -> {
				int admitted = this.jdbc.sql("""
						UPDATE NB_RUN_BUDGET SET COMMITTED = COMMITTED + ?, ESTIMATED = ESTIMATED + ?
						WHERE RUN_ID = ? AND CLOSED = FALSE AND COMMITTED + ? <= ?""")
					.params(estimatedCost, estimatedCost, this.run.get(), estimatedCost, limit)
					.update();
				if (admitted == 0) {
					this.jdbc.sql("UPDATE NB_RUN_BUDGET SET CLOSED = TRUE WHERE RUN_ID = ?")
						.param(this.run.get())
						.update();
				}
				return admitted > 0;
			});
		}

		@Override
		public void add(double committed, double estimated) {
			this.ownTransaction.executeWithoutResult((status) -> this.jdbc
				.sql("UPDATE NB_RUN_BUDGET SET COMMITTED = COMMITTED + ?, ESTIMATED = ESTIMATED + ? WHERE RUN_ID = ?")
				.params(committed, estimated, this.run.get())
				.update());
		}

		@Override
		public boolean closed() {
			return this.jdbc.sql("SELECT CLOSED FROM NB_RUN_BUDGET WHERE RUN_ID = ?")
				.param(this.run.get())
				.query(Boolean.class)
				.optional()
				.orElse(false);
		}

		@Override
		public double estimated() {
			return this.jdbc.sql("SELECT ESTIMATED FROM NB_RUN_BUDGET WHERE RUN_ID = ?")
				.param(this.run.get())
				.query(Double.class)
				.optional()
				.orElse(0.0);
		}

	}

}
