/** Nachtbrief's own state in H2: documents, outcomes and usage per run. */
package de.nachtbrief.store;
