/**
 * The brief of one document: summarize, translate, ground-check; plain Java over records.
 */
package de.nachtbrief.brief;
