package de.nachtbrief.store;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A write that commits at once in a transaction of its own, whatever transaction the
 * caller is in: a paid-for answer, a sent message, a rate bucket or a budget must not
 * wait for (or roll back with) the document's chunk, nor hold a row lock while a model
 * works.
 */
public final class OwnTransaction {

	private OwnTransaction() {
	}

	public static TransactionTemplate of(PlatformTransactionManager transactions) {
		TransactionTemplate template = new TransactionTemplate(transactions);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return template;
	}

}
