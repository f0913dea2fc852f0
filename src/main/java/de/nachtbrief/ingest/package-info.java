/** Discovery of source files: walking, filtering and fingerprinting the input folder. */
package de.nachtbrief.ingest;
