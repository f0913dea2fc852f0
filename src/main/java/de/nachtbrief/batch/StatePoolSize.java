package de.nachtbrief.batch;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

import de.nachtbrief.llm.BackendProperties;

/**
 * Sizes the state database's connection pool to the most documents a run may have in
 * flight. Each worker holds one connection for its document's transaction and takes a
 * second for the ledger's own transactions, so Hikari's default of ten connections
 * starved a run at {@code max-concurrency} 8 and more, and failed good files.
 */
final class StatePoolSize implements BeanPostProcessor {

	/**
	 * The run's own thread, the digest and the status queries, and on PostgreSQL the
	 * connection that holds the running job's lock.
	 */
	private static final int SPARE = 5;

	private final ObjectProvider<BackendProperties> properties;

	StatePoolSize(ObjectProvider<BackendProperties> properties) {
		this.properties = properties;
	}

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			int needed = 2 * mostWorkers(this.properties.getObject()) + SPARE;
			pool.setMaximumPoolSize(Math.max(pool.getMaximumPoolSize(), needed));
		}
		return bean;
	}

	/**
	 * The most workers a run may have (see {@link RunPlan#workers()}): the largest
	 * {@code max-concurrency} times {@code pack-documents} of any backend plus the cores.
	 */
	static int mostWorkers(BackendProperties properties) {
		int cores = Runtime.getRuntime().availableProcessors();
		int workers = cores;
		for (BackendProperties.Backend backend : properties.backends().values()) {
			workers = Math.max(workers, backend.maxConcurrency() * backend.packDocuments() + cores);
		}
		return workers;
	}

}
