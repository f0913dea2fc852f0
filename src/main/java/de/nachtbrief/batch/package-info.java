/**
 * The Spring Batch job: discover, brief and digest steps; the only package with Batch
 * types.
 */
package de.nachtbrief.batch;
