package dev.stint.swing.internal;

import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The English texts the adapter shows: progress, status, ETA and a one-line note. */
public final class Texts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private Texts() {
    }

    /** {@code 40 / 300}, {@code 1.2 MB / 3.4 MB}, {@code 42%}, {@code process 30 / 60}, or the message. */
    public static String progress(Progress progress) {
        if (progress == null) {
            return "";
        }
        return switch (progress) {
            case Progress.Count c -> c.done() + " / " + c.total();
            case Progress.Bytes b -> b.total() >= 0 ? bytes(b.done()) + " / " + bytes(b.total()) : bytes(b.done());
            case Progress.Percent p -> String.format(Locale.ROOT, "%.0f%%", p.value() * 100);
            case Progress.Indeterminate i -> i.message();
            case Progress.Phase ph -> {
                Object done = ph.data().get("done");
                Object total = ph.data().get("total");
                yield done != null && total != null ? ph.name() + " " + done + " / " + total : ph.name();
            }
        };
    }

    /** A byte count with a binary unit: {@code 512 B}, {@code 1.5 KB}, {@code 3.2 MB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** {@code Running}, {@code Pausing…}, {@code Paused}, ... */
    public static String status(JobStatus status, Request request) {
        if (status == null) {
            return "";
        }
        if (request == Request.PAUSE && status == JobStatus.RUNNING) {
            return "Pausing…";
        }
        if (request == Request.CANCEL && !status.isTerminal()) {
            return "Cancelling…";
        }
        String wire = status.wireName();
        return Character.toUpperCase(wire.charAt(0)) + wire.substring(1);
    }

    /** {@code 4 s}, {@code 2 min 5 s}, {@code 1 h 3 min}; empty for null. */
    public static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    /**
     * A one-line note about the job: what the user asked for, when it will run, why it resumed, why it
     * failed, and how many non-critical errors it recorded.
     */
    public static String note(JobStatus status, JobInfo info, Request request, Duration stalledFor,
            int nonCriticalErrors, ErrorRecord error, Instant now, ZoneId zone) {
        StringBuilder note = new StringBuilder();
        if (status != null) {
            append(note, main(status, info, request, stalledFor, error, now, zone));
        }
        if (nonCriticalErrors > 0) {
            append(note, nonCriticalErrors + (nonCriticalErrors == 1 ? " non-critical error" : " non-critical errors"));
        }
        return note.toString();
    }

    private static String main(JobStatus status, JobInfo info, Request request, Duration stalledFor,
            ErrorRecord error, Instant now, ZoneId zone) {
        StopReason stop = info == null ? null : info.stopReason();
        return switch (status) {
            case QUEUED -> {
                if (request == Request.CANCEL) {
                    yield "cancel requested";
                }
                if (info != null && info.runAt() != null && info.runAt().isAfter(now)) {
                    String at = TIME.format(info.runAt().atZone(zone));
                    yield stop == StopReason.RETRY
                            ? "attempt " + (info.attempts() + 1) + " of " + info.maxAttempts() + " at " + at
                            : "starts at " + at;
                }
                if (stop == StopReason.WAITING) {
                    yield "waiting for its child jobs";
                }
                yield interrupted(stop) ? "interrupted (" + stop.wireName() + "), resumes by itself" : "waiting for a worker";
            }
            case RUNNING -> {
                if (request == Request.PAUSE) {
                    yield "pause requested: stops at its next check";
                }
                if (request == Request.CANCEL) {
                    yield "cancel requested: stops at its next check";
                }
                if (stalledFor != null) {
                    yield "no progress for " + duration(stalledFor);
                }
                if (info == null) {
                    yield "";
                }
                String attempt = info.maxAttempts() > 1 ? "attempt " + Math.max(1, info.attempts()) + " of "
                        + info.maxAttempts() : "";
                if (info.runCount() > 1 && interrupted(stop)) {
                    yield join("resumed after " + (stop == StopReason.CRASH ? "a crash" : stop.wireName()), attempt);
                }
                if (info.runCount() > 1 && stop == StopReason.PAUSE) {
                    yield join("resumed", attempt);
                }
                if (info.runCount() > 1 && stop == StopReason.WAITING) {
                    yield join("its child jobs finished", attempt);
                }
                yield attempt;
            }
            case PAUSED -> "paused: stays paused until resumed";
            case COMPLETED -> info != null && info.runTime() != null && !info.runTime().isZero()
                    ? "ran " + duration(info.runTime()) + (info.runCount() > 1 ? " in " + info.runCount() + " runs" : "")
                    : "";
            case FAILED -> {
                ErrorRecord e = error != null ? error : info == null ? null : info.error();
                String attempts = info != null && info.attempts() > 1 ? " after " + info.attempts() + " attempts" : "";
                yield e == null ? "failed" + attempts : e.message().isEmpty() ? e.type() + attempts : e.message() + attempts;
            }
            case CANCELLED -> "";
        };
    }

    private static boolean interrupted(StopReason stopReason) {
        return stopReason == StopReason.SHUTDOWN || stopReason == StopReason.CRASH || stopReason == StopReason.ABANDONED;
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a + ", " + b;
    }

    private static void append(StringBuilder note, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (!note.isEmpty()) {
            note.append(" · ");
        }
        note.append(part);
    }
}
