package dev.stint.sample.cli;

import dev.stint.JobInfo;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The human form of {@code list}: a table with one row per job; every cell goes through {@link TerminalText#safe}.
 * A damaged row of {@code jobs.db} (listed, never run) shows the status {@code damaged} and its problems.
 */
final class JobTable {
    private static final String[] HEADER = {"ID", "NAME", "STATUS", "PROGRESS", "RUNS", "RESULT"};
    private static final int MAX_RESULT = 70;
    /** The status cell of a damaged row. */
    static final String DAMAGED = "damaged";

    private JobTable() {
    }

    /** Prints the jobs, or a note when there are none. */
    static void print(List<JobInfo> jobs, PrintStream out) {
        if (jobs.isEmpty()) {
            out.println("no jobs");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (JobInfo job : jobs) {
            String[] row = {job.id(), job.name(), job.isDamaged() ? DAMAGED : job.status().wireName(),
                    ProgressText.of(job.progress()),
                    Integer.toString(job.runCount()), result(job)};
            for (int i = 0; i < row.length; i++) {
                row[i] = TerminalText.safe(row[i]);
            }
            rows.add(row);
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i == row.length - 1) {
                    line.append(row[i]);
                } else {
                    line.append(String.format("%-" + widths[i] + "s  ", row[i]));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String result(JobInfo job) {
        String text;
        if (job.isDamaged()) {
            text = job.damage().summary();
        } else if (job.error() != null) {
            text = job.error().summary();
        } else if (job.outputJson() != null) {
            text = job.outputJson();
        } else if (job.stopReason() != null) {
            text = "stopped: " + job.stopReason().wireName();
        } else {
            text = "";
        }
        if (!job.nonCriticalErrors().isEmpty()) {
            text += " (" + job.nonCriticalErrors().size() + " non-critical errors)";
        }
        text = TerminalText.safe(text.replace('\n', ' '));
        return text.length() > MAX_RESULT ? text.substring(0, MAX_RESULT - 3) + "..." : text;
    }
}
