/**
 * Everything that talks to a model: backend registry (OpenAI-compatible, Ollama, the
 * in-process {@code local} models of {@code llm.local}, extractive), structured calls,
 * usage; the only package that imports provider classes.
 */
package de.nachtbrief.llm;
