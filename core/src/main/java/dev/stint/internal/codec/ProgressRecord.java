package dev.stint.internal.codec;

import dev.stint.Progress;
import java.util.Map;

/**
 * The stored form of a {@link Progress}: a flat map with a {@code kind} discriminator chosen from a
 * closed set (never a class name).
 */
public final class ProgressRecord {
    String kind;
    long done;
    long total;
    double value;
    String message;
    Map<String, Object> data;

    ProgressRecord() {
    }

    /** Converts a progress value to its stored form. */
    public static ProgressRecord of(Progress progress) {
        ProgressRecord r = new ProgressRecord();
        switch (progress) {
            case Progress.Count c -> {
                r.kind = "count";
                r.done = c.done();
                r.total = c.total();
            }
            case Progress.Percent p -> {
                r.kind = "percent";
                r.value = p.value();
            }
            case Progress.Bytes b -> {
                r.kind = "bytes";
                r.done = b.done();
                r.total = b.total();
            }
            case Progress.Indeterminate i -> {
                r.kind = "indeterminate";
                r.message = i.message();
            }
            case Progress.Phase ph -> {
                r.kind = "phase";
                r.message = ph.name();
                r.data = ph.data();
            }
        }
        return r;
    }

    /** Converts back; an unknown kind gives an indeterminate progress naming it. */
    public Progress toProgress() {
        if (kind == null) {
            return new Progress.Indeterminate("");
        }
        return switch (kind) {
            case "count" -> new Progress.Count(done, total);
            case "percent" -> new Progress.Percent(value);
            case "bytes" -> new Progress.Bytes(done, total);
            case "phase" -> new Progress.Phase(message == null ? "" : message, data);
            case "indeterminate" -> new Progress.Indeterminate(message);
            default -> new Progress.Indeterminate("unknown progress kind " + kind);
        };
    }
}
