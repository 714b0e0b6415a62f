/**
 * The torture workload's job types. Each leaves evidence in its side file ({@link dev.stint.torture.jobs.SideLog})
 * from which the driver proves that no committed item, step or chunk ran again.
 */
package dev.stint.torture.jobs;
