package dev.stint.internal.codec;

import dev.stint.Progress;
import java.util.Map;

/**
 * The stored form of a {@link Progress}: a flat map with a {@code kind} discriminator chosen from a
 * closed set (never a class name).
 */
public final class ProgressRecord {
    /** The longest message (an indeterminate progress's message, a phase's name) stored, in characters. */
    public static final int MAX_MESSAGE_CHARS = 8 * 1024;

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

    /**
     * Encodes a progress snapshot for storage so that the library can always read it back: its message is cut
     * to {@value #MAX_MESSAGE_CHARS} characters, a phase's data (already bounded by the progress data limit
     * when reported) is left out if the record would still be over what the library reads back ({@link
     * BlobLimits#maxReadBytes()}, smaller than the progress data limit in a library with tiny limits) or cannot
     * be encoded, and nothing is stored (null) if even the bare record is over.
     */
    public static byte[] encode(StateCodec codec, Progress progress) {
        ProgressRecord r = of(progress);
        if (r.message != null && r.message.length() > MAX_MESSAGE_CHARS) {
            r.message = r.message.substring(0, MAX_MESSAGE_CHARS) + "... ("
                    + (r.message.length() - MAX_MESSAGE_CHARS) + " more characters dropped)";
        }
        long max = codec.limits().maxReadBytes();
        byte[] blob = null;
        if (r.data != null) {
            try {
                blob = codec.encode(r);
            } catch (CodecException e) {
                blob = null; // data that cannot be encoded: stored without it
            }
            if (blob == null || blob.length > max) {
                r.data = null;
                blob = null;
            }
        }
        if (blob == null) {
            blob = codec.encode(r);
        }
        return blob.length > max ? null : blob;
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
