package dev.stint.sample.gui;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.StopReason;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The status line a desktop window shows when a library opens: what the restart rules did to its active
 * jobs. Shared by the JavaFX and the Swing window; loads no UI toolkit.
 */
public final class OpenSummary {
    private static final Set<StopReason> INTERRUPTED = Set.of(StopReason.SHUTDOWN, StopReason.CRASH, StopReason.ABANDONED);

    private OpenSummary() {
    }

    /** What the restart rules did, in words: {@code Opened DIR. 1 interrupted job resumes by itself. ...} */
    public static String of(Path dir, List<JobInfo> active) {
        long interrupted = active.stream()
                .filter(j -> j.status() == JobStatus.QUEUED && j.stopReason() != null
                        && INTERRUPTED.contains(j.stopReason())).count();
        long paused = active.stream().filter(j -> j.status() == JobStatus.PAUSED).count();
        long other = active.size() - interrupted - paused;
        StringBuilder text = new StringBuilder("Opened " + dir + ".");
        if (active.isEmpty()) {
            return text.append(" No active jobs: dispatch one with the buttons above.").toString();
        }
        if (interrupted > 0) {
            text.append(' ').append(plural(interrupted, "interrupted job"))
                    .append(interrupted == 1 ? " resumes by itself." : " resume by themselves.");
        }
        if (paused > 0) {
            text.append(' ').append(plural(paused, "paused job"))
                    .append(paused == 1 ? " stays paused until you resume it." : " stay paused until you resume them.");
        }
        if (other > 0) {
            text.append(' ').append(plural(other, "more job")).append(other == 1 ? " is" : " are")
                    .append(" queued or waiting.");
        }
        return text.toString();
    }

    private static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
