/**
 * The built-in extractive summarizer: TextRank over German sentences, figures and quotes;
 * no model needed.
 */
package de.nachtbrief.llm.extractive;
