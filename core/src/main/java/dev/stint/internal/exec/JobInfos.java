package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.RowDamage;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.codec.StoredError;
import dev.stint.internal.store.JobRow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Converts stored rows into {@link JobInfo} snapshots. A blob that does not decode is shown as missing, never thrown. */
final class JobInfos {
    private JobInfos() {
    }

    static JobInfo toInfo(StateCodec codec, JobRow row) {
        JobStatus status = row.status();
        // active rows count failed attempts; a running one is one more; history counts all attempts made
        int attempts = status.isTerminal() ? row.attempts() : row.attempts() + (status == JobStatus.RUNNING ? 1 : 0);
        return new JobInfo(row.id(), row.name(), row.version(), status,
                Instant.ofEpochMilli(row.createdAt()),
                row.startedAt() == null ? null : Instant.ofEpochMilli(row.startedAt()),
                row.finishedAt() == null ? null : Instant.ofEpochMilli(row.finishedAt()),
                row.runCount(), row.checkpoints(), row.stopReason(), progress(codec, row.progress()),
                outputJson(codec, row.output()), row.error() == null ? null : error(codec, row.error()),
                errors(codec, row.errors()), row.queue(), row.priority(),
                row.runAt() == null ? null : Instant.ofEpochMilli(row.runAt()), attempts, row.maxAttempts(),
                row.timeoutMs() == null ? null : Duration.ofMillis(row.timeoutMs()), row.uniqueKey(), row.parentId(),
                row.initiator(), errors(codec, row.attemptErrors()), Duration.ofMillis(row.runMs()),
                outputJson(codec, row.results()), row.steps(), damage(row), row.retryOf(), tags(row.tags()),
                rules(row.rules()), row.weight() == null ? 1 : row.weight(), null);
    }

    /** Stored tags (a JSON array); unreadable ones read as none. */
    static List<String> tags(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return List.of(TAGS.readValue(json, String[].class));
        } catch (java.io.IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Stored run rules; unreadable ones read as none (the gate never starts such a job, and says why). */
    static dev.stint.JobRules rules(String json) {
        if (json == null) {
            return dev.stint.JobRules.NONE;
        }
        try {
            return dev.stint.internal.rules.RunRules.fromJson(json).toPublic();
        } catch (IllegalArgumentException e) {
            return dev.stint.JobRules.NONE;
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper TAGS = new com.fasterxml.jackson.databind.ObjectMapper();

    private static RowDamage damage(JobRow row) {
        return row.damaged() ? new RowDamage(row.inHistory() ? "job_history" : "jobs", row.seq(), row.damage()) : null;
    }

    static Progress progress(StateCodec codec, byte[] blob) {
        if (blob == null) {
            return null;
        }
        try {
            return codec.decode(blob, ProgressRecord.class).toProgress();
        } catch (CodecException e) {
            return null;
        }
    }

    static String outputJson(StateCodec codec, byte[] blob) {
        if (blob == null) {
            return null;
        }
        try {
            return codec.toJson(blob);
        } catch (CodecException e) {
            return null;
        }
    }

    static ErrorRecord error(StateCodec codec, byte[] blob) {
        if (blob == null) {
            return ErrorRecord.of("unknown", "no error recorded", 0);
        }
        try {
            return codec.decode(blob, StoredError.class).toRecord();
        } catch (CodecException e) {
            return ErrorRecord.of("unreadable", "stored error record cannot be decoded", 0);
        }
    }

    static List<ErrorRecord> errors(StateCodec codec, byte[] blob) {
        if (blob == null) {
            return List.of();
        }
        try {
            return StoredError.toRecords(codec.decode(blob, StoredError[].class));
        } catch (CodecException e) {
            return List.of(ErrorRecord.of("unreadable", "stored non-critical errors cannot be decoded", 0));
        }
    }
}
