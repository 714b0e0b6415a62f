package dev.stint.torture;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One dispatch of the workload: a token (stored as the job's initiator, so the job can be found in
 * {@code jobs.db} and its history whether or not the dispatch was acknowledged), a kind and its
 * parameters. Written to the dispatch log as {@code <token> <kind> k=v,k=v}.
 *
 * @param token unique per dispatch, {@code r<round>-<n>}
 * @param kind what is dispatched
 * @param params the kind's parameters (numbers, except {@code key} and {@code policy} of unique jobs)
 */
public record JobSpec(String token, Kind kind, Map<String, String> params) {

    /** The compact form written to the dispatch log. */
    public String format() {
        StringBuilder sb = new StringBuilder(token).append(' ').append(kind.wire()).append(' ');
        String sep = "";
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ",";
        }
        return sb.toString();
    }

    /** Parses {@link #format()}. */
    public static JobSpec parse(String text) {
        String[] parts = text.trim().split(" ", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a job spec: " + text);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String kv : parts[2].split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a parameter: " + kv + " in " + text);
            }
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return new JobSpec(parts[0], Kind.ofWire(parts[1]), params);
    }

    /** A numeric parameter. */
    public long num(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(token + " has no parameter " + name);
        }
        return Long.parseLong(v);
    }

    /** A text parameter, or null. */
    public String text(String name) {
        return params.get(name);
    }

    /** How many jobs this dispatch stores when it commits (a group stores several). */
    public int jobsStored() {
        return kind == Kind.GROUP ? (int) num("n") : 1;
    }

    /** The sum a counting job of this spec outputs. */
    public static long sumTo(long n) {
        return n * (n + 1) / 2;
    }
}
