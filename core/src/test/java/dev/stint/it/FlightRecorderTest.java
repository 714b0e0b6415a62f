package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FailingJob;
import dev.stint.jobs.FlakyJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stint's Flight Recorder events, recorded by a real {@link Recording} around a real library and read back from
 * the dumped file: a {@code dev.stint.JobRun} per run with its job's name, id, queue and outcome, a
 * {@code dev.stint.Checkpoint} per checkpoint, {@code dev.stint.CommitBatch} per transaction, and
 * {@code dev.stint.ClaimPass} per claim.
 */
class FlightRecorderTest {
    @TempDir
    Path dir;

    @Test
    void a_recording_shows_each_run_checkpoint_commit_and_claim() throws Exception {
        Path file = dir.resolve("stint.jfr");
        String gate = "jfr-close-" + UUID.randomUUID();
        SlowJob.prepare(gate);
        String counted;
        String failed;
        String flaky;
        String stopped;
        try (Recording recording = new Recording()) {
            for (String name : List.of("dev.stint.JobRun", "dev.stint.Checkpoint", "dev.stint.CommitBatch",
                    "dev.stint.ClaimPass")) {
                recording.enable(name).withoutStackTrace();
            }
            recording.start();
            Path libraryDir = dir.resolve("library");
            Library library = TestLibraries.builder(libraryDir).queue("io", 1).open();
            JobHandle<CountJob.Result> count = library.dispatch(new CountJob(10, 5, 0, null),
                    DispatchOptions.defaults().withQueue("io"));
            JobHandle<Void> failing = library.dispatch(new FailingJob());
            JobHandle<?> flakyJob = library.dispatch(new FlakyJob(1),
                    DispatchOptions.defaults().withMaxAttempts(2).withBackoff(Duration.ofMillis(1)));
            count.result().get();
            failing.result().handle((r, e) -> null).get();
            flakyJob.result().get();
            JobHandle<Integer> slow = library.dispatch(new SlowJob(gate, 1));
            assertThat(SlowJob.awaitReached(gate)).isTrue();
            library.close(); // the run stops at its next check: interrupted, it resumes next time
            recording.stop();
            recording.dump(file);
            counted = count.id();
            failed = failing.id();
            flaky = flakyJob.id();
            stopped = slow.id();
        } finally {
            SlowJob.open(gate);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, List<RecordedEvent>> byType = events.stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.stint."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName()));

        List<RecordedEvent> runs = byType.get("dev.stint.JobRun");
        assertThat(runs).extracting(e -> e.getString("jobId") + " " + e.getString("outcome") + " " + e.getInt("run"))
                .containsExactlyInAnyOrder(counted + " completed 1", failed + " failed 1", flaky + " retried 1",
                        flaky + " completed 2", stopped + " interrupted 1");
        RecordedEvent countRun = runs.stream().filter(e -> e.getString("jobId").equals(counted)).findFirst()
                .orElseThrow();
        assertThat(countRun.getString("jobName")).isEqualTo("test.count");
        assertThat(countRun.getString("queue")).isEqualTo("io");
        assertThat(countRun.getString("library")).isEqualTo("library");
        assertThat(countRun.getDuration()).isPositive();
        assertThat(runs.stream().filter(e -> e.getString("jobId").equals(failed)).findFirst().orElseThrow()
                .getString("jobName")).isEqualTo("test.failing");
        assertThat(runs.stream().filter(e -> e.getString("jobId").equals(stopped)).findFirst().orElseThrow()
                .getString("queue")).isEqualTo("default");

        List<RecordedEvent> checkpoints = byType.get("dev.stint.Checkpoint");
        assertThat(checkpoints).hasSize(2).allSatisfy(e -> {
            assertThat(e.getString("jobId")).isEqualTo(counted);
            assertThat(e.getString("jobName")).isEqualTo("test.count");
            assertThat(e.getLong("bytes")).isPositive();
            assertThat(e.getDuration()).isPositive();
        });

        List<RecordedEvent> batches = byType.get("dev.stint.CommitBatch");
        assertThat(batches).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getInt("writes")).isBetween(1, 512);
            assertThat(e.getBoolean("committed")).isTrue();
            assertThat(e.getString("library")).isEqualTo("library");
        });
        // 4 dispatches, 2 checkpoints, the failure, the retry, the stop at close: each a write of its own
        assertThat(batches.stream().mapToInt(e -> e.getInt("writes")).sum()).isGreaterThanOrEqualTo(9);

        List<RecordedEvent> claims = byType.get("dev.stint.ClaimPass");
        assertThat(claims).isNotEmpty();
        // every run was claimed once: 5 runs (the flaky job twice)
        assertThat(claims.stream().mapToInt(e -> e.getInt("claimed")).sum()).isEqualTo(5);
        assertThat(claims).extracting(e -> e.getString("trigger"))
                .allSatisfy(t -> assertThat(t).isIn("scheduler", "dispatch", "completions"));

        EventType jobRun = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().equals("dev.stint.JobRun")).findFirst().orElseThrow();
        assertThat(jobRun.getCategoryNames()).containsExactly("Stint");
        assertThat(jobRun.getLabel()).isEqualTo("Job Run");
        assertThat(jobRun.getDescription()).isNotBlank();
    }
}
