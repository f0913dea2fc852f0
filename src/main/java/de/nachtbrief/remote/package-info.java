/**
 * Briefing past one machine: a run's brief step sends partitions of its documents over a
 * JMS broker (ActiveMQ Artemis) to {@code nachtbrief worker} processes, which share the
 * state database and the input and output folders.
 */
package de.nachtbrief.remote;
