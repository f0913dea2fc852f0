/**
 * {@code nachtbrief eval}: the eval set's articles briefed by each backend and scored.
 */
package de.nachtbrief.eval;
