/**
 * Demo job types of the sample console: {@code demo.count}, {@code demo.hash} and {@code demo.phased}.
 *
 * <p>They are compiled through the Stint registry processor, which generates
 * {@code dev.stint.sample.jobs.StintJobCatalog} and registers it for {@link java.util.ServiceLoader}.
 */
package dev.stint.sample.jobs;
