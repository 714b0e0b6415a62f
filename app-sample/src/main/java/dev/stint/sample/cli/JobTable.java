package dev.stint.sample.cli;

import dev.stint.JobInfo;
import java.io.PrintStream;

/**
 * The human form of {@code list}: a table with one row per job; every cell goes through {@link TerminalText#safe}.
 * The jobs are gone through twice, once for the column widths and once to print, one job at a time: the table
 * of a library of any size prints in a small heap. A damaged row of {@code jobs.db} (listed, never run) shows
 * the status {@code damaged} and its problems.
 */
final class JobTable {
    private static final String[] HEADER = {"ID", "NAME", "STATUS", "PROGRESS", "RUNS", "RESULT"};
    private static final int MAX_RESULT = 70;
    /** The status cell of a damaged row. */
    static final String DAMAGED = "damaged";

    private JobTable() {
    }

    /** Prints the jobs, or a note when there are none. Iterates {@code jobs} twice. */
    static void print(Iterable<JobInfo> jobs, PrintStream out) {
        int[] widths = new int[HEADER.length];
        widen(widths, HEADER);
        boolean any = false;
        for (JobInfo job : jobs) {
            widen(widths, row(job));
            any = true;
        }
        if (!any) {
            out.println("no jobs");
            return;
        }
        print(HEADER, widths, out);
        for (JobInfo job : jobs) {
            print(row(job), widths, out);
        }
    }

    private static String[] row(JobInfo job) {
        String[] row = {job.id(), job.name(), job.isDamaged() ? DAMAGED : job.status().wireName(),
                ProgressText.of(job.progress()),
                Integer.toString(job.runCount()), result(job)};
        for (int i = 0; i < row.length; i++) {
            row[i] = TerminalText.safe(row[i]);
        }
        return row;
    }

    private static void widen(int[] widths, String[] row) {
        for (int i = 0; i < row.length; i++) {
            widths[i] = Math.max(widths[i], row[i].length());
        }
    }

    private static void print(String[] row, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i == row.length - 1) {
                line.append(row[i]);
            } else {
                line.append(row[i]).repeat(' ', widths[i] - row[i].length() + 2); // left-aligned, two spaces apart
            }
        }
        out.println(line.toString().stripTrailing());
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
