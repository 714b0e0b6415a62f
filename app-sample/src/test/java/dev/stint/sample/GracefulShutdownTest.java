package dev.stint.sample;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.sample.jobs.CountResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in a child JVM stopped with SIGTERM: the shutdown hook saves the running job, and the job
 * resumes where it stopped when the library is opened again.
 */
class GracefulShutdownTest {
    private static final int TO = 150;

    @TempDir
    Path temp;
    private ChildJvm child;

    @AfterEach
    void killChild() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void sigtermSavesTheRunningJobAndItResumesOnTheNextOpen() throws Exception {
        Path dir = temp.resolve("library");
        String id = new Cli(dir).dispatch("demo.count",
                "{\"to\": " + TO + ", \"checkpointEvery\": 5, \"sleepMillis\": 20}");
        Path stderr = temp.resolve("child-stderr.txt");
        child = ChildJvm.stint(stderr, "run", "--library", dir.toString());
        List<String> lines = child.lines();
        Pattern progress = Pattern.compile(Pattern.quote(id) + " demo\\.count running (\\d+)/" + TO);

        await("progress past the second checkpoint").atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream().map(progress::matcher).filter(Matcher::matches)
                        .anyMatch(m -> Long.parseLong(m.group(1)) >= 12));
        child.process().destroy(); // SIGTERM on Linux

        assertThat(child.process().waitFor(60, TimeUnit.SECONDS)).as("child exits after SIGTERM").isTrue();
        assertThat(Files.readString(stderr)).contains("stint: stopping").doesNotContain("Exception");
        try (Library library = Library.builder(dir).autoStart(false).open()) {
            JobInfo stopped = library.job(id).orElseThrow();
            assertThat(stopped.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(stopped.stopReason()).isEqualTo(StopReason.SHUTDOWN);
            assertThat(stopped.runCount()).isEqualTo(1);

            library.start();
            CountResult result = library.handle(id, CountResult.class).orElseThrow().result()
                    .get(60, TimeUnit.SECONDS);

            assertThat(result.sum()).isEqualTo((long) TO * (TO + 1) / 2);
            assertThat(result.resumedFrom()).isBetween(12L, (long) TO - 1);
            assertThat(library.job(id).orElseThrow().runCount()).isEqualTo(2);
        }
    }
}
