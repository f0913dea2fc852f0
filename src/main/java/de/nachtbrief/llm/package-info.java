/**
 * Everything that talks to a model: backend registry, structured calls, usage; the only
 * package that imports provider classes.
 */
package de.nachtbrief.llm;
