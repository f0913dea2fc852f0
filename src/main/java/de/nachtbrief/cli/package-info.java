/** The command line: picocli commands that start the Spring application. */
package de.nachtbrief.cli;
