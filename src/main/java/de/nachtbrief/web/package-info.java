/**
 * The web side of {@code serve}: a server-rendered dashboard, its JSON API, health and
 * metrics, in a Spring context of its own that reads each served job's state.
 */
package de.nachtbrief.web;
