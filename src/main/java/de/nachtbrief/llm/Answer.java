package de.nachtbrief.llm;

/** A parsed structured answer and what it cost. */
public record Answer<T>(T value, Usage usage) {
}
