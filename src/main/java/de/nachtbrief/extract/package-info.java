/** Text and metadata extraction with Apache Tika; the only package that imports Tika. */
package de.nachtbrief.extract;
