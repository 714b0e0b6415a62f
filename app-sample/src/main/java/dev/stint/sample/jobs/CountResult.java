package dev.stint.sample.jobs;

/**
 * Output of {@link CountJob}.
 *
 * @param sum 1 + 2 + ... + to
 * @param resumedFrom the count the last run started at (0 when the job ran from the start)
 */
public record CountResult(long sum, long resumedFrom) {
}
