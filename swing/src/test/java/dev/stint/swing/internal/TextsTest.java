package dev.stint.swing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import dev.stint.testkit.JobInfos;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void progressTexts() {
        assertThat(Texts.progress(new Progress.Count(40, 300))).isEqualTo("40 / 300");
        assertThat(Texts.progress(new Progress.Bytes(1536, 3 * 1024 * 1024))).isEqualTo("1.5 KB / 3.0 MB");
        assertThat(Texts.progress(new Progress.Bytes(100, -1))).isEqualTo("100 B");
        assertThat(Texts.progress(new Progress.Percent(0.424))).isEqualTo("42%");
        assertThat(Texts.progress(new Progress.Indeterminate("listing /photos"))).isEqualTo("listing /photos");
        assertThat(Texts.progress(new Progress.Phase("process", Map.of("done", 3, "total", 10))))
                .isEqualTo("process 3 / 10");
        assertThat(Texts.progress(null)).isEmpty();
    }

    @Test
    void statusAndDurations() {
        assertThat(Texts.status(JobStatus.RUNNING, null)).isEqualTo("Running");
        assertThat(Texts.status(JobStatus.RUNNING, Request.PAUSE)).isEqualTo("Pausing…");
        assertThat(Texts.status(JobStatus.PAUSED, Request.CANCEL)).isEqualTo("Cancelling…");
        assertThat(Texts.duration(Duration.ofMillis(4200))).isEqualTo("5 s");
        assertThat(Texts.duration(Duration.ofSeconds(125))).isEqualTo("2 min 5 s");
        assertThat(Texts.duration(Duration.ofMinutes(63))).isEqualTo("1 h 3 min");
        assertThat(Texts.duration(null)).isEmpty();
    }

    @Test
    void notesSayWhyAndWhen() {
        assertThat(note(JobStatus.QUEUED, info(null, NOW.plusSeconds(30), 0, 1, 0))).isEqualTo("starts at 10:00:30");
        assertThat(note(JobStatus.QUEUED, info("retry", NOW.plusSeconds(2), 1, 4, 1)))
                .isEqualTo("attempt 2 of 4 at 10:00:02");
        assertThat(note(JobStatus.QUEUED, info("shutdown", null, 1, 1, 1)))
                .isEqualTo("interrupted (shutdown), resumes by itself");
        assertThat(note(JobStatus.RUNNING, info("shutdown", null, 1, 1, 2))).isEqualTo("resumed after shutdown");
        assertThat(note(JobStatus.QUEUED, info("waiting", null, 1, 1, 1))).isEqualTo("waiting for its child jobs");
        assertThat(note(JobStatus.RUNNING, info("crash", null, 1, 1, 2))).isEqualTo("resumed after a crash");
        assertThat(note(JobStatus.RUNNING, info("retry", null, 2, 4, 2))).isEqualTo("attempt 2 of 4");
        assertThat(note(JobStatus.PAUSED, info("pause", null, 1, 1, 1))).isEqualTo("paused: stays paused until resumed");
        assertThat(Texts.note(JobStatus.FAILED, info(null, null, 4, 4, 4), null, null, 2,
                ErrorRecord.of("x.Boom", "disk full", 0), NOW, ZoneOffset.UTC))
                .isEqualTo("disk full after 4 attempts · 2 non-critical errors");
    }

    private static String note(JobStatus status, JobInfo info) {
        return Texts.note(status, info, null, null, 0, null, NOW, ZoneOffset.UTC);
    }

    private static JobInfo info(String stopReason, Instant runAt, int attempts, int maxAttempts, int runCount) {
        Map<String, Object> values = new HashMap<>(Map.of("id", "id", "name", "demo", "version", 1, "status",
                JobStatus.QUEUED, "createdAt", NOW, "runCount", runCount, "queue", "default", "attempts", attempts,
                "maxAttempts", maxAttempts, "runTime", Duration.ZERO));
        values.put("stopReason", dev.stint.StopReason.fromWireName(stopReason));
        values.put("runAt", runAt);
        return JobInfos.of(values);
    }
}
