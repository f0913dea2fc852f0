/**
 * Running as a service: schedules, drop folders, and one run at a time per job.
 */
package de.nachtbrief.serve;
