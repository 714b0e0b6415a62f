package dev.stint.sample.jobs;

import java.util.List;

/**
 * Output of {@link PhasedJob}.
 *
 * @param phases the phases the job went through, in order
 * @param processed how many items were processed
 */
public record PhasedResult(List<String> phases, long processed) {
}
