package dev.stint.sample.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.JobInfo;
import dev.stint.internal.control.JobJsonCodec;
import java.util.List;

/**
 * The JSON form of jobs for {@code list --json}: one object per job with {@code id}, {@code name},
 * {@code version}, {@code status} (lowercase), {@code output} (the job's output as JSON, or null),
 * {@code error} (null or {@code {"type","message"}}), {@code runCount}, {@code checkpoints},
 * {@code stopReason}, {@code progress} (null or {@code {"kind", ...}}), {@code createdAt},
 * {@code startedAt}, {@code finishedAt}, {@code runAt} (epoch milliseconds or null), {@code queue},
 * {@code priority}, {@code attempts}, {@code maxAttempts}, {@code uniqueKey}, {@code parentId},
 * {@code initiator}, {@code retryOf} (the job a retry was dispatched from, or null), {@code runTimeMillis},
 * {@code nonCriticalErrors}, {@code attemptErrors}, {@code damage} (null for a sound job, or
 * {@code {"table","seq","problems"}} for a damaged row of {@code jobs.db}, which is listed but never run: see
 * {@link dev.stint.RowDamage}), {@code tags}, {@code resources} ({@code [{"mode","path"|"key"}]}),
 * {@code concurrencyKey}, {@code conditions} and {@code waitingFor} (why a queued job under run rules has not
 * started, or null).
 *
 * <p>The form is core's {@link JobJsonCodec}, the one the control endpoint sends, so a listing through the
 * holder of a library and one from {@code jobs.db} are the same bytes. (The console runs on the class path,
 * where core's internal packages are readable.)
 */
public final class JobJson {
    private final JobJsonCodec codec;

    /** Writes with the given mapper. */
    public JobJson(ObjectMapper mapper) {
        this.codec = new JobJsonCodec(mapper);
    }

    /** The jobs as one JSON array. */
    public ArrayNode toJson(List<JobInfo> jobs) {
        return codec.toJson(jobs);
    }

    /** One job as a JSON object. */
    public ObjectNode toJson(JobInfo job) {
        return codec.toJson(job);
    }
}
