/**
 * Downloads of model files for the in-process backend: resumed when cut, checked against
 * their SHA-256, with progress.
 */
package de.nachtbrief.models;
