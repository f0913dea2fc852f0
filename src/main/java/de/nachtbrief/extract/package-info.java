/**
 * Text and metadata extraction with Apache Tika, run in child JVMs so that no file can
 * hang or exhaust the run; the only package that imports Tika.
 */
package de.nachtbrief.extract;
