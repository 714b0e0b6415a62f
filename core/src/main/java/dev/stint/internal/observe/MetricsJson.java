package dev.stint.internal.observe;

import dev.stint.LibraryMetrics;
import java.util.Map;

/**
 * The JSON form of a {@link LibraryMetrics} snapshot, with stable field names (the control endpoint serves it
 * at {@code GET /v1/metrics}; {@code docs/observability.md} describes it). Fields are only ever added, under
 * a new name; {@code version} changes if one ever has to change meaning. Times are epoch milliseconds; a
 * histogram bucket's {@code le} is its inclusive upper bound, {@code null} for the last, unbounded one, and its
 * {@code count} is its own (not cumulative).
 *
 * <pre>{@code
 * {"version":1,"openedAt":1765000000000,"takenAt":1765000004000,
 *  "jobs":{"dispatched":10,"started":12,"completed":7,"failed":1,"cancelled":1,"retried":2,"paused":0,
 *          "interrupted":0},
 *  "running":1,"queued":0,
 *  "queues":[{"name":"default","queued":0,"running":1}],
 *  "commitBatches":{"count":25,"writes":41,"maxWrites":4,"sizes":[{"le":1,"count":17},...,{"le":null,"count":0}]},
 *  "checkpointLatencyMs":{"count":3,"buckets":[{"le":0.1,"count":0},...,{"le":null,"count":0}]}}
 * }</pre>
 */
public final class MetricsJson {
    /** The form's version: {@code "version"} in every document. */
    public static final int VERSION = 1;

    private MetricsJson() {
    }

    /** {@code metrics} as one JSON object (no line breaks). */
    public static String encode(LibraryMetrics metrics) {
        StringBuilder out = new StringBuilder(1024);
        out.append("{\"version\":").append(VERSION);
        out.append(",\"openedAt\":").append(metrics.openedAt().toEpochMilli());
        out.append(",\"takenAt\":").append(metrics.takenAt().toEpochMilli());
        out.append(",\"jobs\":{\"dispatched\":").append(metrics.dispatched())
                .append(",\"started\":").append(metrics.started())
                .append(",\"completed\":").append(metrics.completed())
                .append(",\"failed\":").append(metrics.failed())
                .append(",\"cancelled\":").append(metrics.cancelled())
                .append(",\"retried\":").append(metrics.retried())
                .append(",\"paused\":").append(metrics.paused())
                .append(",\"interrupted\":").append(metrics.interrupted()).append('}');
        out.append(",\"running\":").append(metrics.running());
        out.append(",\"queued\":").append(metrics.queued());
        out.append(",\"queues\":[");
        boolean first = true;
        for (Map.Entry<String, LibraryMetrics.QueueGauge> q : metrics.queues().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"name\":");
            string(out, q.getKey());
            out.append(",\"queued\":").append(q.getValue().queued())
                    .append(",\"running\":").append(q.getValue().running()).append('}');
        }
        out.append(']');
        LibraryMetrics.CommitBatches batches = metrics.commitBatches();
        out.append(",\"commitBatches\":{\"count\":").append(batches.count())
                .append(",\"writes\":").append(batches.writes())
                .append(",\"maxWrites\":").append(batches.maxWrites())
                .append(",\"sizes\":");
        buckets(out, batches.sizes());
        out.append('}');
        out.append(",\"checkpointLatencyMs\":{\"count\":").append(metrics.checkpointLatency().count())
                .append(",\"buckets\":");
        buckets(out, metrics.checkpointLatency());
        out.append("}}");
        return out.toString();
    }

    private static void buckets(StringBuilder out, LibraryMetrics.Histogram histogram) {
        out.append('[');
        boolean first = true;
        for (LibraryMetrics.Histogram.Bucket b : histogram.buckets()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"le\":");
            number(out, b.upperBound());
            out.append(",\"count\":").append(b.count()).append('}');
        }
        out.append(']');
    }

    /** A finite number as JSON (integers without a fraction); infinities and NaN as {@code null}. */
    private static void number(StringBuilder out, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    /** A JSON string: quotes, backslashes, control characters and lone surrogates escaped. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    if (pairedHigh) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
