/**
 * The in-process backend: GGUF models run by llama.cpp inside the JVM.
 */
package de.nachtbrief.llm.local;
