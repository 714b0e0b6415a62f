package dev.stint.sample.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.Progress;
import dev.stint.RowDamage;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of jobs for {@code list --json}: one object per job with {@code id}, {@code name},
 * {@code version}, {@code status} (lowercase), {@code output} (the job's output as JSON, or null),
 * {@code error} (null or {@code {"type","message"}}), {@code runCount}, {@code checkpoints},
 * {@code stopReason}, {@code progress} (null or {@code {"kind", ...}}), {@code createdAt},
 * {@code startedAt}, {@code finishedAt}, {@code runAt} (epoch milliseconds or null), {@code queue},
 * {@code priority}, {@code attempts}, {@code maxAttempts}, {@code uniqueKey}, {@code parentId},
 * {@code initiator}, {@code retryOf} (the job a retry was dispatched from, or null), {@code runTimeMillis},
 * {@code nonCriticalErrors}, {@code attemptErrors} and
 * {@code damage}: null for a sound job, or {@code {"table","seq","problems"}} for a damaged row of
 * {@code jobs.db}, which is listed but never run (see {@link dev.stint.RowDamage}).
 */
public final class JobJson {
    private final ObjectMapper mapper;

    /** Writes with the given mapper. */
    public JobJson(ObjectMapper mapper) {
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

    private JsonNode progress(Progress progress) {
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

    private JsonNode millis(Instant instant) {
        return instant == null ? NullNode.getInstance() : mapper.getNodeFactory().numberNode(instant.toEpochMilli());
    }
}
