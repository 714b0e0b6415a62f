package dev.stint.sample.cli;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What {@code watch} shows: one row per active job (queued, running, paused) with a progress bar, its status
 * and the time left ({@link TimeLeft}). Fed with the jobs active when the watch starts ({@link #show}) and then
 * with the holder's events ({@link #status}, {@link #progress}); {@link #flush} prints what is due.
 *
 * <p>On a terminal the rows are redrawn in place (the cursor moves up over the rows drawn before and clears them)
 * at most {@link #FRAME_NANOS} apart, and a job that finishes leaves one line above them that stays. Elsewhere
 * (piped, {@code TERM=dumb}) only changes are printed, one line each, in the form of {@code run}'s lines: a
 * status change at once, a job's progress at most once per {@link #PLAIN_PROGRESS_NANOS} (its latest value).
 * Every text from the library goes through {@link TerminalText#safe}; rows are cut to the terminal's width so that
 * none wraps (a wrapped row would throw off the redraw).
 */
final class WatchView {
    /** The shortest time between two redraws on a terminal. */
    static final long FRAME_NANOS = 200_000_000L;
    /** The shortest time between two progress lines of one job when piped. */
    static final long PLAIN_PROGRESS_NANOS = 1_000_000_000L;
    /** The bar's width; {@link #NARROW_BAR} on a terminal narrower than {@link #WIDE} columns. */
    private static final int BAR = 20;
    private static final int NARROW_BAR = 10;
    private static final int WIDE = 110;
    private static final String ESC = "\u001b[";
    private static final long NEVER = Long.MIN_VALUE;

    private final PrintStream out;
    private final boolean terminal;
    private final int width;
    private final int maxRows;
    private final String title;
    private final LongSupplier nanos;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<String> finished = new ArrayList<>();
    private int drawnLines;
    private long lastDraw;
    private boolean drawn;
    private boolean dirty = true;

    /**
     * A view printing to {@code out}.
     *
     * @param terminal redraw in place with ANSI cursor moves, or append plain lines
     * @param width the terminal's width in columns (rows are cut to one less)
     * @param height the terminal's height in lines (the rows that do not fit are counted, not shown)
     * @param title the first line of the redrawn block (which library, which process)
     * @param nanos the clock, {@link System#nanoTime()} base
     */
    WatchView(PrintStream out, boolean terminal, int width, int height, String title, LongSupplier nanos) {
        this.out = out;
        this.terminal = terminal;
        this.width = Math.max(20, width);
        this.maxRows = Math.max(1, height - 3); // the title, "... and N more", and the line the cursor rests on
        this.title = title;
        this.nanos = nanos;
    }

    /** A job active when the watch starts: a row (and, piped, a line). */
    void show(JobInfo job) {
        if (job.status().isTerminal()) {
            return;
        }
        Row row = row(job.id(), job.name());
        row.status = job.status();
        row.progress = job.progress();
        estimate(row);
        if (!terminal) {
            line(row.id + " " + row.name + " " + row.status.wireName() + progressPart(row));
            row.printedAt = nanos.getAsLong();
        }
        dirty = true;
    }

    /**
     * A job's status changed. {@code finished} is the job read after it reached a terminal status (for its
     * error), or null.
     */
    void status(String id, String name, JobStatus status, Progress progress, JobInfo finished) {
        Row row = row(id, name);
        if (status != row.status) {
            row.eta.reset();
            row.left = null;
        }
        row.status = status;
        if (progress != null) {
            row.progress = progress;
            estimate(row);
        }
        String error = finished != null && finished.error() != null ? ": " + finished.error().summary() : "";
        String line = id + " " + row.name + " " + status.wireName() + error;
        if (status.isTerminal()) {
            rows.remove(id);
            if (terminal) {
                this.finished.add(line);
            } else {
                line(line);
            }
        } else if (!terminal) {
            line(line);
            row.printedAt = nanos.getAsLong();
            row.pending = false;
        }
        dirty = true;
    }

    /** A job reported progress (coalesced by the holder). */
    void progress(String id, String name, Progress progress) {
        Row row = row(id, name);
        if (row.status == null || row.status == JobStatus.QUEUED) {
            row.status = JobStatus.RUNNING;
        }
        row.progress = progress;
        estimate(row);
        row.pending = true;
        dirty = true;
    }

    /**
     * Prints what is due: on a terminal, a redraw if something changed and the last one is a frame old; piped,
     * the progress lines whose job's last line is old enough.
     *
     * @return nanoseconds until something held back is due, or -1 if nothing is held back
     */
    long flush() {
        long now = nanos.getAsLong();
        if (terminal) {
            if (!dirty) {
                return -1;
            }
            long wait = drawn ? lastDraw + FRAME_NANOS - now : 0;
            if (wait > 0) {
                return wait;
            }
            draw(now);
            return -1;
        }
        long next = -1;
        for (Row row : rows.values()) {
            if (!row.pending) {
                continue;
            }
            long wait = row.printedAt == NEVER ? 0 : row.printedAt + PLAIN_PROGRESS_NANOS - now;
            if (wait <= 0) {
                line(row.id + " " + row.name + " running" + progressPart(row));
                row.printedAt = now;
                row.pending = false;
            } else {
                next = next < 0 ? wait : Math.min(next, wait);
            }
        }
        return next;
    }

    /** Draws now whatever is held back (before a last message). */
    void flushAll() {
        if (terminal) {
            if (dirty) {
                draw(nanos.getAsLong());
            }
            return;
        }
        for (Row row : rows.values()) {
            if (row.pending) {
                line(row.id + " " + row.name + " running" + progressPart(row));
                row.pending = false;
            }
        }
    }

    /** How many jobs are shown. */
    int activeCount() {
        return rows.size();
    }

    private Row row(String id, String name) {
        Row row = rows.computeIfAbsent(id, k -> new Row(k));
        if (name != null) {
            row.name = name;
        }
        return row;
    }

    private void estimate(Row row) {
        if (row.progress == null) {
            row.left = null;
            return;
        }
        double fraction = row.progress.fraction().orElse(-1);
        row.left = row.status == JobStatus.RUNNING ? row.eta.update(nanos.getAsLong(), fraction) : null;
    }

    private String progressPart(Row row) {
        String progress = ProgressText.of(row.progress);
        String left = TimeLeft.format(row.left);
        return (progress.isEmpty() ? "" : " " + progress) + (left.isEmpty() ? "" : ", " + left);
    }

    private void line(String text) {
        out.println(TerminalText.safe(text));
        out.flush();
    }

    private void draw(long now) {
        StringBuilder b = new StringBuilder();
        if (drawnLines > 0) {
            b.append('\r').append(ESC).append(drawnLines).append('A'); // back to the first row drawn before
        }
        b.append(ESC).append('J'); // and clear from there down
        for (String line : finished) {
            b.append(cut(TerminalText.safe(line))).append('\n');
        }
        finished.clear();
        b.append(cut(TerminalText.safe(title + " · " + (rows.isEmpty() ? "no active jobs" : rows.size() + " active")
                + " · Ctrl-C to stop"))).append('\n');
        // running first, then paused, then queued; each in the order first seen; no more than fit
        List<Row> shown = rows.values().stream().sorted(Comparator.comparingInt(WatchView::rank)).limit(maxRows)
                .toList();
        int[] widths = new int[5]; // every column but the last, the progress text
        List<String[]> cells = new ArrayList<>();
        for (Row row : shown) {
            // time left before the progress text: on a narrow terminal the end of a row is cut, and it matters more
            String[] c = {TerminalText.safe(row.id), TerminalText.safe(row.name),
                    row.status == null ? "" : row.status.wireName(), bar(row.progress, width < WIDE ? NARROW_BAR : BAR),
                    TimeLeft.format(row.left),
                    TerminalText.safe(ProgressText.of(row.progress))};
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], c[i].length());
            }
            cells.add(c);
        }
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < c.length; k++) {
                if (k < widths.length && widths[k] == 0) {
                    continue; // a column empty in every row (no time left known yet) takes no room
                }
                line.append(c[k]);
                if (k < widths.length) {
                    line.repeat(' ', widths[k] - c[k].length() + 2);
                }
            }
            b.append(cut(line.toString().stripTrailing())).append('\n');
        }
        if (shown.size() < rows.size()) {
            b.append("... and ").append(rows.size() - shown.size()).append(" more\n");
        }
        out.print(b);
        out.flush();
        drawnLines = 1 + shown.size() + (shown.size() < rows.size() ? 1 : 0);
        lastDraw = now;
        drawn = true;
        dirty = false;
    }

    private static int rank(Row row) {
        return row.status == JobStatus.RUNNING ? 0 : row.status == JobStatus.PAUSED ? 1 : 2;
    }

    /** {@code [#######.............]} of {@code width} characters; dots alone when the fraction is unknown. */
    private static String bar(Progress progress, int width) {
        double fraction = progress == null ? -1 : progress.fraction().orElse(-1);
        int full = fraction < 0 ? 0 : (int) Math.round(Math.min(1.0, fraction) * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    private String cut(String line) {
        return line.length() < width ? line : line.substring(0, width - 1);
    }

    /** One job's row. */
    private static final class Row {
        final String id;
        String name = "";
        JobStatus status;
        Progress progress;
        final TimeLeft eta = new TimeLeft();
        Duration left;
        long printedAt = NEVER;
        boolean pending;

        Row(String id) {
            this.id = id;
        }
    }
}
