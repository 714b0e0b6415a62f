package dev.stint.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.RowDamage;
import dev.stint.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical JSON form of a job, shared by {@code stint list --json} and the control API: one object with
 * {@code id}, {@code name}, {@code version}, {@code status} (lowercase), {@code output} (the job's output as JSON,
 * or null), {@code error} (null or {@code {"type","message"}}), {@code runCount}, {@code checkpoints},
 * {@code stopReason}, {@code progress} (null or {@code {"kind", ...}}), {@code createdAt}, {@code startedAt},
 * {@code finishedAt}, {@code queue}, {@code priority}, {@code attempts}, {@code maxAttempts}, {@code runAt} (epoch
 * milliseconds or null), {@code uniqueKey}, {@code parentId}, {@code initiator}, {@code retryOf},
 * {@code runTimeMillis}, {@code nonCriticalErrors}, {@code attemptErrors} and {@code damage} (null, or
 * {@code {"table","seq","problems"}}). Fields may be added, never renamed or dropped.
 *
 * <p>{@link #fromJson} reads it back into a {@link JobInfo}. What the form does not carry comes back empty: the
 * timeout, intermediate results and completed steps, error stack traces, and error times (an error's time is
 * the job's finish time, else its creation time).
 */
public final class JobJsonCodec {
    private final ObjectMapper mapper;

    /** Reads and writes with the given mapper. */
    public JobJsonCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The jobs as one JSON array. */
    public ArrayNode toJson(List<JobInfo> jobs) {
        ArrayNode array = mapper.createArrayNode();
        jobs.forEach(job -> array.add(toJson(job)));
        return array;
    }

    /** One job as a JSON object. */
    public ObjectNode toJson(JobInfo job) {
        ObjectNode o = mapper.createObjectNode();
        o.put("id", job.id());
        o.put("name", job.name());
        o.put("version", job.version());
        o.put("status", job.status().wireName());
        o.set("output", output(job.outputJson()));
        o.set("error", error(job.error()));
        o.put("runCount", job.runCount());
        o.put("checkpoints", job.checkpoints());
        o.put("stopReason", job.stopReason() == null ? null : job.stopReason().wireName());
        o.set("progress", progress(job.progress()));
        o.set("createdAt", millis(job.createdAt()));
        o.set("startedAt", millis(job.startedAt()));
        o.set("finishedAt", millis(job.finishedAt()));
        o.put("queue", job.queue());
        o.put("priority", job.priority());
        o.put("attempts", job.attempts());
        o.put("maxAttempts", job.maxAttempts());
        o.set("runAt", millis(job.runAt()));
        o.put("uniqueKey", job.uniqueKey());
        o.put("parentId", job.parentId());
        o.put("initiator", job.initiator());
        o.put("retryOf", job.retryOf());
        o.put("runTimeMillis", job.runTime().toMillis());
        ArrayNode errors = o.putArray("nonCriticalErrors");
        job.nonCriticalErrors().forEach(e -> errors.add(error(e)));
        ArrayNode attemptErrors = o.putArray("attemptErrors");
        job.attemptErrors().forEach(e -> attemptErrors.add(error(e)));
        o.set("damage", damage(job.damage()));
        return o;
    }

    /** A progress value as JSON ({@code {"kind", ...}}), or JSON null. */
    public JsonNode progress(Progress progress) {
        if (progress == null) {
            return NullNode.getInstance();
        }
        ObjectNode o = mapper.createObjectNode();
        switch (progress) {
            case Progress.Count c -> {
                o.put("kind", "count");
                o.put("done", c.done());
                o.put("total", c.total());
            }
            case Progress.Bytes b -> {
                o.put("kind", "bytes");
                o.put("done", b.done());
                o.put("total", b.total());
            }
            case Progress.Percent p -> {
                o.put("kind", "percent");
                o.put("value", p.value());
            }
            case Progress.Indeterminate i -> {
                o.put("kind", "indeterminate");
                o.put("message", i.message());
            }
            case Progress.Phase ph -> {
                o.put("kind", "phase");
                o.put("name", ph.name());
                o.set("data", mapper.valueToTree(ph.data()));
            }
        }
        return o;
    }

    /**
     * Reads a job written by {@link #toJson(JobInfo)}.
     *
     * @throws IllegalArgumentException if a required field is missing or has the wrong form
     */
    public JobInfo fromJson(JsonNode o) {
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("a job must be a JSON object, was " + o);
        }
        Instant createdAt = instant(o, "createdAt");
        Instant finishedAt = instant(o, "finishedAt");
        Instant errorTime = finishedAt != null ? finishedAt : createdAt != null ? createdAt : Instant.EPOCH;
        JsonNode output = o.path("output");
        return new JobInfo(
                required(o, "id").asText(),
                required(o, "name").asText(),
                o.path("version").asInt(),
                JobStatus.fromWireName(required(o, "status").asText()),
                createdAt,
                instant(o, "startedAt"),
                finishedAt,
                o.path("runCount").asInt(),
                o.path("checkpoints").asInt(),
                StopReason.fromWireName(text(o, "stopReason")),
                progressFrom(o.get("progress")),
                output.isMissingNode() || output.isNull() ? null : output.toString(),
                errorFrom(o.get("error"), errorTime),
                errorsFrom(o.get("nonCriticalErrors"), errorTime),
                text(o, "queue"),
                o.path("priority").asInt(),
                instant(o, "runAt"),
                o.path("attempts").asInt(),
                o.path("maxAttempts").asInt(),
                null,
                text(o, "uniqueKey"),
                text(o, "parentId"),
                text(o, "initiator"),
                errorsFrom(o.get("attemptErrors"), errorTime),
                Duration.ofMillis(o.path("runTimeMillis").asLong()),
                null,
                0,
                damageFrom(o.get("damage")),
                text(o, "retryOf"));
    }

    /**
     * Reads a progress value written by {@link #progress(Progress)}; null for JSON null or a missing value.
     *
     * @throws IllegalArgumentException if its kind is unknown
     */
    public Progress progressFrom(JsonNode p) {
        if (p == null || p.isNull() || p.isMissingNode()) {
            return null;
        }
        String kind = p.path("kind").asText();
        return switch (kind) {
            case "count" -> new Progress.Count(p.path("done").asLong(), p.path("total").asLong());
            case "bytes" -> new Progress.Bytes(p.path("done").asLong(), p.path("total").asLong());
            case "percent" -> new Progress.Percent(p.path("value").asDouble());
            case "indeterminate" -> new Progress.Indeterminate(p.path("message").asText(""));
            case "phase" -> new Progress.Phase(p.path("name").asText(), phaseData(p.get("data")));
            default -> throw new IllegalArgumentException("unknown progress kind '" + kind + "'");
        };
    }

    private Map<String, Object> phaseData(JsonNode data) {
        if (data == null || !data.isObject()) {
            return Map.of();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        data.properties().forEach(e -> map.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
        return map;
    }

    private JsonNode output(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // core always gives JSON text; keep anything else visible rather than failing the listing
            return mapper.getNodeFactory().textNode(json);
        }
    }

    private JsonNode error(ErrorRecord error) {
        if (error == null) {
            return NullNode.getInstance();
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("type", error.type());
        o.put("message", error.message());
        return o;
    }

    private static ErrorRecord errorFrom(JsonNode e, Instant at) {
        if (e == null || e.isNull() || e.isMissingNode()) {
            return null;
        }
        return ErrorRecord.of(required(e, "type").asText(), e.path("message").asText(""), at);
    }

    private static List<ErrorRecord> errorsFrom(JsonNode array, Instant at) {
        List<ErrorRecord> errors = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(e -> errors.add(errorFrom(e, at)));
        }
        return errors;
    }

    private JsonNode damage(RowDamage damage) {
        if (damage == null) {
            return NullNode.getInstance();
        }
        ObjectNode o = mapper.createObjectNode();
        o.put("table", damage.table());
        o.put("seq", damage.seq());
        ArrayNode problems = o.putArray("problems");
        damage.problems().forEach(problems::add);
        return o;
    }

    private static RowDamage damageFrom(JsonNode d) {
        if (d == null || d.isNull() || d.isMissingNode()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        d.path("problems").forEach(p -> problems.add(p.asText()));
        return new RowDamage(d.path("table").asText(), d.path("seq").asLong(), problems);
    }

    private JsonNode millis(Instant instant) {
        return instant == null ? NullNode.getInstance() : mapper.getNodeFactory().numberNode(instant.toEpochMilli());
    }

    private static Instant instant(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : Instant.ofEpochMilli(v.asLong());
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode required(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v;
    }
}
