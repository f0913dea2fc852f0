/**
 * German text handling: clutter removal, sentence splitting and token-counted chunking.
 */
package de.nachtbrief.text;
