package dev.stint.internal.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.DispatchOptions;
import dev.stint.JobRules;
import java.time.Duration;
import dev.stint.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What may hold a queued job back from starting, as stored with it ({@code job_rows.rules}, JSON): the
 * resources it uses, its concurrency key and limit, its rate limit, its conditions. A job without any is
 * plain: its {@code rules} column is NULL and the claim of plain jobs takes it. Each rule puts the job in one
 * <em>line</em> ({@link #lines}): the jobs waiting on one resource, key or condition, in claim order. The
 * public form is {@link JobRules}.
 *
 * @param rateStarts starts allowed per window (0 without a rate limit)
 * @param ratePeriodMillis the window's length
 * @param conditions the conditions' text forms
 * @param queueRate the rate limit of the job's queue ({@code Library.Builder.queueRateLimit}), or null
 */
public record RunRules(List<Resource> resources, String concurrencyKey, int concurrencyLimit, String rateKey,
        int rateStarts, long ratePeriodMillis, List<String> conditions, Rate queueRate) {

    /** A rate limit: at most {@code starts} starts with {@code key} within any {@code periodMillis}. */
    public record Rate(String key, int starts, long periodMillis) {
    }

    /** Rules without a queue's rate limit. */
    public RunRules(List<Resource> resources, String concurrencyKey, int concurrencyLimit, String rateKey,
            int rateStarts, long ratePeriodMillis, List<String> conditions) {
        this(resources, concurrencyKey, concurrencyLimit, rateKey, rateStarts, ratePeriodMillis, conditions, null);
    }

    /** Every rate limit the job starts under: its own and its queue's. */
    public List<Rate> rates() {
        List<Rate> rates = new ArrayList<>(2);
        if (rateKey != null) {
            rates.add(new Rate(rateKey, rateStarts, ratePeriodMillis));
        }
        if (queueRate != null) {
            rates.add(queueRate);
        }
        return rates;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public RunRules {
        resources = List.copyOf(resources);
        conditions = List.copyOf(conditions);
    }

    /** One line a job waits in: a key and, for resources, whether it writes. */
    public record Line(String key, boolean write) {
    }

    /** The rules a dispatch declares, with its queue's rate limit (null: none), or null for none at all. */
    public static RunRules of(DispatchOptions o, Rate queueRate) {
        List<String> conditions = o.conditions().stream().map(dev.stint.Condition::text).toList();
        if (o.resources().isEmpty() && o.concurrencyKey() == null && o.rateLimitKey() == null && conditions.isEmpty()
                && queueRate == null) {
            return null;
        }
        return new RunRules(o.resources(), o.concurrencyKey(), o.concurrencyLimit(), o.rateLimitKey(),
                o.rateLimitStarts(), o.rateLimitPeriod() == null ? 0 : o.rateLimitPeriod().toMillis(), conditions,
                queueRate);
    }

    /** The public form. */
    public JobRules toPublic() {
        return new JobRules(resources, concurrencyKey, concurrencyLimit, rateKey, rateStarts,
                rateKey == null ? null : Duration.ofMillis(ratePeriodMillis), conditions);
    }

    /** The lines the job waits in (see {@link #lineKey}). */
    public List<Line> lines() {
        List<Line> lines = new ArrayList<>(resources.size() + 2 + conditions.size());
        for (Resource r : resources) {
            lines.add(new Line(lineKey(r), r.mode() == Resource.Mode.WRITE));
        }
        if (concurrencyKey != null) {
            lines.add(new Line("c:" + concurrencyKey, false));
        }
        for (Rate rate : rates()) {
            lines.add(new Line("r:" + rate.key(), false));
        }
        for (String c : conditions) {
            lines.add(new Line("d:" + c, false));
        }
        return lines;
    }

    /**
     * A resource's line: {@code p:} and the path with a trailing slash (so a folder's line is a prefix of the
     * lines of everything inside it), or {@code k:} and the key.
     */
    public static String lineKey(Resource r) {
        return r.isPath() ? pathLine(r.name()) : "k:" + r.name();
    }

    /** The line of a path in normal form. */
    static String pathLine(String path) {
        return "p:" + (path.endsWith("/") ? path : path + "/");
    }

    /** The stored form. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (!resources.isEmpty()) {
            ArrayNode rs = o.putArray("resources");
            for (Resource r : resources) {
                ObjectNode n = rs.addObject();
                n.put("mode", r.mode().wireName());
                n.put(r.isPath() ? "path" : "key", r.name());
            }
        }
        if (concurrencyKey != null) {
            o.putObject("concurrency").put("key", concurrencyKey).put("limit", concurrencyLimit);
        }
        if (rateKey != null) {
            o.putObject("rate").put("key", rateKey).put("starts", rateStarts).put("periodMillis", ratePeriodMillis);
        }
        if (!conditions.isEmpty()) {
            ArrayNode cs = o.putArray("conditions");
            conditions.forEach(cs::add);
        }
        if (queueRate != null) {
            o.putObject("queueRate").put("key", queueRate.key()).put("starts", queueRate.starts())
                    .put("periodMillis", queueRate.periodMillis());
        }
        return o.toString();
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException if it is not rules this version can read (a damaged or crafted row)
     */
    public static RunRules fromJson(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run rules are not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("run rules are not a JSON object");
        }
        List<Resource> resources = new ArrayList<>();
        for (JsonNode n : o.path("resources")) {
            Resource.Mode mode = switch (n.path("mode").asText()) {
                case "read" -> Resource.Mode.READ;
                case "write" -> Resource.Mode.WRITE;
                default -> throw new IllegalArgumentException("unknown resource mode '" + n.path("mode").asText() + "'");
            };
            if (n.hasNonNull("path")) {
                resources.add(Resource.path(Path.of(n.get("path").asText()), mode));
            } else if (n.hasNonNull("key")) {
                resources.add(Resource.key(n.get("key").asText(), mode));
            } else {
                throw new IllegalArgumentException("a resource without a path or key");
            }
        }
        JsonNode c = o.path("concurrency");
        String key = c.hasNonNull("key") ? c.get("key").asText() : null;
        int limit = key == null ? 0 : c.path("limit").asInt(0);
        if (key != null && limit < 1) {
            throw new IllegalArgumentException("concurrency limit " + limit + " is not >= 1");
        }
        JsonNode r = o.path("rate");
        String rateKey = r.hasNonNull("key") ? r.get("key").asText() : null;
        int starts = rateKey == null ? 0 : r.path("starts").asInt(0);
        long period = rateKey == null ? 0 : r.path("periodMillis").asLong(0);
        if (rateKey != null && (starts < 1 || period < 1)) {
            throw new IllegalArgumentException("rate limit " + starts + " per " + period + " ms is not positive");
        }
        List<String> conditions = new ArrayList<>();
        for (JsonNode n : o.path("conditions")) {
            conditions.add(n.asText());
        }
        JsonNode q = o.path("queueRate");
        Rate queueRate = null;
        if (q.hasNonNull("key")) {
            queueRate = new Rate(q.get("key").asText(), q.path("starts").asInt(0), q.path("periodMillis").asLong(0));
            if (queueRate.starts() < 1 || queueRate.periodMillis() < 1) {
                throw new IllegalArgumentException("queue rate limit " + queueRate.starts() + " per "
                        + queueRate.periodMillis() + " ms is not positive");
            }
        }
        return new RunRules(resources, key, limit, rateKey, starts, period, conditions, queueRate);
    }
}
