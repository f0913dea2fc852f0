/** The per-run digest and run report, rendered as Markdown and HTML. */
package de.nachtbrief.digest;
