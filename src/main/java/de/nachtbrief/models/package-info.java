/**
 * Model files for the in-process backend: the catalog, downloads, and what is in the
 * models folder.
 */
package de.nachtbrief.models;
