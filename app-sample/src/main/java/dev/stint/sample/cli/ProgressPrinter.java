package dev.stint.sample.cli;

import dev.stint.JobEvent;
import dev.stint.JobListener;
import java.io.PrintStream;

/**
 * Prints one line per event for {@code run}: {@code <id> <name> <status>} on status changes (with the error
 * of failed and cancelled jobs), {@code <id> <name> running <progress>} on (coalesced) progress, and
 * {@code <id> <name> warning: <error>} on non-critical errors, {@code <id> <name> stalled: ...} when the
 * stall watchdog flags a job. Each line is flushed at once so that a
 * script or a parent process sees it as it happens. Names, errors and progress messages come from the library
 * and the jobs: each line goes through {@link TerminalText#safe}.
 */
final class ProgressPrinter implements JobListener {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onEvent(JobEvent event) {
        String prefix = event.jobId() + " " + event.jobName() + " ";
        String line = switch (event) {
            case JobEvent.StatusChanged s -> prefix + s.to().wireName()
                    + (s.error() != null ? ": " + s.error().summary() : "");
            case JobEvent.ProgressUpdated p -> prefix + "running " + ProgressText.of(p.progress());
            case JobEvent.NonCriticalErrorReported e -> prefix + "warning: " + e.error().summary();
            case JobEvent.Stalled st -> prefix + "stalled: no progress for " + st.quietFor().toSeconds() + " s";
        };
        synchronized (out) {
            out.println(TerminalText.safe(line));
            out.flush();
        }
    }
}
