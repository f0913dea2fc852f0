/**
 * Delivery of each run's digests to teams: e-mail and chat webhooks through an outbox in
 * H2.
 */
package de.nachtbrief.delivery;
