package dev.stint.sample.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobInfo;
import dev.stint.testkit.JobInfos;
import dev.stint.JobStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the status line says when a library opens, from the restart rules' result. */
class StatusLineTest {
    private static final Path DIR = Path.of("/home/me/stint-demo");

    @Test
    void anEmptyLibrary() {
        assertThat(StintApp.summary(DIR, List.of()))
                .isEqualTo("Opened /home/me/stint-demo. No active jobs: dispatch one with the buttons above.");
    }

    @Test
    void interruptedPausedAndQueuedJobs() {
        List<JobInfo> active = List.of(job(JobStatus.QUEUED, "shutdown"), job(JobStatus.QUEUED, "crash"),
                job(JobStatus.PAUSED, "pause"), job(JobStatus.QUEUED, null), job(JobStatus.QUEUED, "retry"));
        assertThat(StintApp.summary(DIR, active)).isEqualTo("Opened /home/me/stint-demo. 2 interrupted jobs resume"
                + " by themselves. 1 paused job stays paused until you resume it. 2 more jobs are queued or waiting.");
        assertThat(StintApp.summary(DIR, List.of(job(JobStatus.QUEUED, "shutdown"), job(JobStatus.PAUSED, "pause"),
                job(JobStatus.PAUSED, "pause")))).isEqualTo("Opened /home/me/stint-demo. 1 interrupted job resumes by"
                        + " itself. 2 paused jobs stay paused until you resume them.");
    }

    private static JobInfo job(JobStatus status, String stopReason) {
        Map<String, Object> values = new HashMap<>(Map.of("id", "id", "name", "demo.count", "version", 1,
                "status", status, "createdAt", Instant.EPOCH, "queue", "default", "maxAttempts", 1,
                "runTime", Duration.ZERO));
        values.put("stopReason", dev.stint.StopReason.fromWireName(stopReason));
        return JobInfos.of(values);
    }
}
