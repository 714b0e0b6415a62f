package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.DispatchOptions;
import dev.stint.JobCounts;
import dev.stint.JobStatus;
import dev.stint.QueueInfo;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.UniquePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The control API's JSON forms besides jobs ({@link JobJsonCodec}): counts, queues, schedules and dispatch
 * options, each with its reader, so the server and {@link dev.stint.RemoteLibrary} agree by construction.
 */
public final class ApiJson {
    /** The option names a dispatch request may carry. */
    static final Set<String> OPTION_NAMES = Set.of("queue", "priority", "runAt", "delayMillis", "maxAttempts",
            "backoffMillis", "timeoutMillis", "uniqueKey", "uniquePolicy", "initiator");

    private final ObjectMapper mapper;

    public ApiJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** {@code {"byStatus":{"queued":N,...},"byQueue":{"q":{"queued":N,...}}}}, every status present. */
    public ObjectNode counts(JobCounts counts) {
        ObjectNode o = mapper.createObjectNode();
        ObjectNode byStatus = o.putObject("byStatus");
        for (JobStatus s : JobStatus.values()) {
            byStatus.put(s.wireName(), counts.of(s));
        }
        ObjectNode byQueue = o.putObject("byQueue");
        counts.byQueue().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ObjectNode q = byQueue.putObject(e.getKey());
            for (JobStatus s : JobStatus.values()) {
                q.put(s.wireName(), e.getValue().getOrDefault(s, 0));
            }
        });
        return o;
    }

    public JobCounts countsFrom(JsonNode o) {
        Map<String, Map<JobStatus, Integer>> byQueue = new LinkedHashMap<>();
        o.path("byQueue").properties().forEach(e -> byQueue.put(e.getKey(), statusMap(e.getValue())));
        return new JobCounts(statusMap(o.path("byStatus")), byQueue);
    }

    private static Map<JobStatus, Integer> statusMap(JsonNode o) {
        Map<JobStatus, Integer> map = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            int n = o.path(s.wireName()).asInt();
            if (n != 0) {
                map.put(s, n);
            }
        }
        return map;
    }

    /** {@code {"name","concurrency","paused","running","queued"}}. */
    public ObjectNode queue(QueueInfo q) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", q.name());
        o.put("concurrency", q.concurrency());
        o.put("paused", q.paused());
        o.put("running", q.running());
        o.put("queued", q.queued());
        return o;
    }

    public QueueInfo queueFrom(JsonNode o) {
        return new QueueInfo(o.path("name").asText(), o.path("concurrency").asInt(), o.path("paused").asBoolean(),
                o.path("running").asInt(), o.path("queued").asInt());
    }

    /** {@code {"name","jobName","schedule","zone","missedRuns"("run-once"/"skip"),"nextRunAt","lastJobId"}}. */
    public ObjectNode schedule(ScheduleInfo s) {
        ObjectNode o = mapper.createObjectNode();
        o.put("name", s.name());
        o.put("jobName", s.jobName());
        o.put("schedule", s.schedule());
        o.put("zone", s.zone());
        o.put("missedRuns", s.missedRuns() == null ? null : wire(s.missedRuns()));
        if (s.nextRunAt() == null) {
            o.putNull("nextRunAt");
        } else {
            o.put("nextRunAt", s.nextRunAt().toEpochMilli());
        }
        o.put("lastJobId", s.lastJobId());
        return o;
    }

    public ScheduleInfo scheduleFrom(JsonNode o) {
        JsonNode missed = o.get("missedRuns");
        JsonNode next = o.get("nextRunAt");
        return new ScheduleInfo(o.path("name").asText(), text(o, "jobName"), text(o, "schedule"), text(o, "zone"),
                missed == null || missed.isNull() ? null : fromWire(Schedule.MissedRuns.class, missed.asText()),
                next == null || next.isNull() ? null : Instant.ofEpochMilli(next.asLong()), text(o, "lastJobId"));
    }

    /** The dispatch options as the {@code options} object of {@code POST /v1/jobs} (only those that are set). */
    public ObjectNode options(DispatchOptions d) {
        ObjectNode o = mapper.createObjectNode();
        if (d.queue() != null) {
            o.put("queue", d.queue());
        }
        if (d.priority() != null) {
            o.put("priority", d.priority());
        }
        if (d.runAt() != null) {
            o.put("runAt", d.runAt().toEpochMilli());
        }
        if (d.delay() != null) {
            o.put("delayMillis", d.delay().toMillis());
        }
        if (d.maxAttempts() != null) {
            o.put("maxAttempts", d.maxAttempts());
        }
        if (d.backoff() != null) {
            o.put("backoffMillis", d.backoff().toMillis());
        }
        if (d.timeout() != null) {
            o.put("timeoutMillis", d.timeout().toMillis());
        }
        if (d.uniqueKey() != null) {
            o.put("uniqueKey", d.uniqueKey());
            o.put("uniquePolicy", wire(d.uniquePolicy()));
        }
        if (d.initiator() != null) {
            o.put("initiator", d.initiator());
        }
        return o;
    }

    /**
     * Reads the {@code options} object of {@code POST /v1/jobs}.
     *
     * @throws IllegalArgumentException naming the option, if one is unknown, of the wrong type or out of range
     */
    public DispatchOptions optionsFrom(JsonNode o) {
        DispatchOptions d = DispatchOptions.defaults();
        if (o == null || o.isNull() || o.isMissingNode()) {
            return d;
        }
        if (!o.isObject()) {
            throw new IllegalArgumentException("options must be a JSON object");
        }
        for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!OPTION_NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; options are "
                        + String.join(", ", OPTION_NAMES.stream().sorted().toList()));
            }
        }
        if (has(o, "queue")) {
            d = d.withQueue(string(o, "queue"));
        }
        if (has(o, "priority")) {
            d = d.withPriority(integer(o, "priority"));
        }
        if (has(o, "runAt")) {
            d = d.withRunAt(Instant.ofEpochMilli(number(o, "runAt")));
        }
        if (has(o, "delayMillis")) {
            d = d.withDelay(Duration.ofMillis(number(o, "delayMillis")));
        }
        if (has(o, "maxAttempts")) {
            d = d.withMaxAttempts(integer(o, "maxAttempts"));
        }
        if (has(o, "backoffMillis")) {
            d = d.withBackoff(Duration.ofMillis(number(o, "backoffMillis")));
        }
        if (has(o, "timeoutMillis")) {
            d = d.withTimeout(Duration.ofMillis(number(o, "timeoutMillis")));
        }
        if (has(o, "uniqueKey")) {
            UniquePolicy policy = has(o, "uniquePolicy")
                    ? fromWire(UniquePolicy.class, string(o, "uniquePolicy")) : UniquePolicy.KEEP_EXISTING;
            d = d.withUniqueKey(string(o, "uniqueKey"), policy);
        } else if (has(o, "uniquePolicy")) {
            throw new IllegalArgumentException("option 'uniquePolicy' needs 'uniqueKey'");
        }
        if (has(o, "initiator")) {
            d = d.withInitiator(string(o, "initiator"));
        }
        return d;
    }

    /** An enum constant's wire name: lowercase, words joined by '-' ({@code KEEP_EXISTING} is {@code keep-existing}). */
    static String wire(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E fromWire(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (wire(e).equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of " + java.util.Arrays.stream(
                type.getEnumConstants()).map(ApiJson::wire).toList());
    }

    private static boolean has(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v != null && !v.isNull();
    }

    private static String string(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("option '" + name + "' must be a string");
        }
        return v.asText();
    }

    private static long number(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("option '" + name + "' must be a whole number");
        }
        return v.asLong();
    }

    private static int integer(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("option '" + name + "' must be a whole number (32 bits)");
        }
        return v.asInt();
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
