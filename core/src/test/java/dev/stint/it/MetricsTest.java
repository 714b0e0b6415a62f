package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryMetrics;
import dev.stint.internal.observe.MetricsJson;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FailingJob;
import dev.stint.jobs.FlakyJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Library#metrics()} on real libraries: every counter counts each thing once, the gauges show what is
 * queued and running, and the JSON form carries the same numbers.
 */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void counters_count_each_dispatch_run_and_ending_exactly_once() throws Exception {
        String cancelGate = "metrics-cancel-" + UUID.randomUUID();
        String pauseGate = "metrics-pause-" + UUID.randomUUID();
        SlowJob.prepare(cancelGate);
        SlowJob.prepare(pauseGate);
        try (Library library = TestLibraries.open(dir)) {
            LibraryMetrics before = library.metrics();
            assertThat(before.dispatched()).isZero();
            assertThat(before.checkpointLatency().count()).isZero();

            List<JobHandle<?>> handles = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                handles.add(library.dispatch(new CountJob(20, 5, 0, null))); // 4 checkpoints each
            }
            handles.add(library.dispatch(new FailingJob()));
            handles.add(library.dispatch(new FailingJob()));
            // fails twice with a retryable error, completes on its third attempt
            handles.add(library.dispatch(new FlakyJob(2),
                    DispatchOptions.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(1))));
            // two delayed jobs, cancelled while queued
            JobHandle<?> delayedA = library.dispatch(new CountJob(1, 0, 0, null),
                    DispatchOptions.defaults().withDelay(Duration.ofHours(1)));
            JobHandle<?> delayedB = library.dispatch(new CountJob(1, 0, 0, null),
                    DispatchOptions.defaults().withDelay(Duration.ofHours(1)));
            library.cancel(delayedA.id());
            library.cancel(delayedB.id());
            // one cancelled while it runs, one paused while it runs (then resumed: a second run that completes)
            JobHandle<Integer> cancelled = library.dispatch(new SlowJob(cancelGate, 1));
            JobHandle<Integer> paused = library.dispatch(new SlowJob(pauseGate, 1));
            assertThat(SlowJob.awaitReached(cancelGate)).isTrue();
            assertThat(SlowJob.awaitReached(pauseGate)).isTrue();
            library.cancel(cancelled.id());
            library.pause(paused.id());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> library.job(paused.id()).orElseThrow().status() == JobStatus.PAUSED);
            SlowJob.open(pauseGate);
            library.resume(paused.id());
            assertThat(paused.result().get()).isEqualTo(1);
            for (JobHandle<?> h : handles) {
                h.result().handle((r, e) -> null).get();
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();

            LibraryMetrics m = library.metrics();
            assertThat(m.dispatched()).isEqualTo(12);
            // 5 counts, 2 failing, 3 flaky attempts, the cancelled run, 2 runs of the paused job
            assertThat(m.started()).isEqualTo(13);
            assertThat(m.completed()).isEqualTo(7);
            assertThat(m.failed()).isEqualTo(2);
            assertThat(m.retried()).isEqualTo(2);
            assertThat(m.cancelled()).isEqualTo(3);
            assertThat(m.paused()).isEqualTo(1);
            assertThat(m.interrupted()).isZero();
            assertThat(m.running()).isZero();
            assertThat(m.queued()).isZero();
            assertThat(m.queues()).containsKey("default");
            assertThat(m.checkpointLatency().count()).isEqualTo(20);
            assertThat(m.checkpointLatency().buckets()).hasSize(12);
            assertThat(m.checkpointLatency().buckets().get(11).upperBound()).isEqualTo(Double.POSITIVE_INFINITY);
            LibraryMetrics.CommitBatches batches = m.commitBatches();
            assertThat(batches.count()).isPositive();
            assertThat(batches.sizes().count()).isEqualTo(batches.count());
            // every dispatch and every checkpoint above is a write of its own
            assertThat(batches.writes()).isGreaterThanOrEqualTo(12 + 20);
            assertThat(batches.maxWrites()).isBetween(1L, 512L);
            assertThat(m.takenAt()).isAfterOrEqualTo(m.openedAt());

            JsonNode json = new ObjectMapper().readTree(MetricsJson.encode(m));
            assertThat(json.get("version").asInt()).isEqualTo(1);
            assertThat(json.at("/jobs/dispatched").asLong()).isEqualTo(12);
            assertThat(json.at("/jobs/started").asLong()).isEqualTo(13);
            assertThat(json.at("/jobs/completed").asLong()).isEqualTo(7);
            assertThat(json.at("/jobs/failed").asLong()).isEqualTo(2);
            assertThat(json.at("/jobs/retried").asLong()).isEqualTo(2);
            assertThat(json.at("/jobs/cancelled").asLong()).isEqualTo(3);
            assertThat(json.at("/jobs/paused").asLong()).isEqualTo(1);
            assertThat(json.at("/commitBatches/count").asLong()).isEqualTo(batches.count());
            assertThat(json.at("/commitBatches/writes").asLong()).isEqualTo(batches.writes());
            assertThat(json.at("/checkpointLatencyMs/count").asLong()).isEqualTo(20);
            assertThat(json.at("/checkpointLatencyMs/buckets/0/le").asDouble()).isEqualTo(0.1);
            assertThat(json.at("/checkpointLatencyMs/buckets/11/le").isNull()).isTrue();
            assertThat(json.at("/openedAt").asLong()).isEqualTo(m.openedAt().toEpochMilli());
        }
    }

    @Test
    void a_reopened_library_counts_from_zero_and_gauges_show_a_running_job() throws Exception {
        String gate = "metrics-close-" + UUID.randomUUID();
        SlowJob.prepare(gate);
        Library library = TestLibraries.open(dir);
        library.dispatch(new SlowJob(gate, 1));
        assertThat(SlowJob.awaitReached(gate)).isTrue();
        assertThat(library.metrics().running()).isEqualTo(1);
        assertThat(library.metrics().queues().get("default").running()).isEqualTo(1);
        library.close();

        SlowJob.open(gate);
        try (Library reopened = TestLibraries.open(dir)) {
            assertThat(reopened.awaitIdle(Duration.ofSeconds(20))).isTrue();
            LibraryMetrics m = reopened.metrics();
            // the resumed run is this open's: started and completed here, nothing dispatched
            assertThat(m.dispatched()).isZero();
            assertThat(m.started()).isEqualTo(1);
            assertThat(m.completed()).isEqualTo(1);
            assertThat(m.interrupted()).isZero();
        }
    }

    @Test
    void queue_depths_show_what_waits_in_each_queue() throws Exception {
        try (Library library = TestLibraries.builder(dir).queue("io", 2).queue("cpu", 1).autoStart(false).open()) {
            for (int i = 0; i < 3; i++) {
                library.dispatch(new CountJob(1, 0, 0, null), DispatchOptions.defaults().withQueue("io"));
            }
            for (int i = 0; i < 2; i++) {
                library.dispatch(new CountJob(1, 0, 0, null), DispatchOptions.defaults().withQueue("cpu"));
            }
            library.dispatch(new CountJob(1, 0, 0, null));
            LibraryMetrics waiting = library.metrics();
            assertThat(waiting.queues()).containsOnlyKeys("cpu", "default", "io");
            assertThat(waiting.queues().get("io")).isEqualTo(new LibraryMetrics.QueueGauge(3, 0));
            assertThat(waiting.queues().get("cpu")).isEqualTo(new LibraryMetrics.QueueGauge(2, 0));
            assertThat(waiting.queues().get("default")).isEqualTo(new LibraryMetrics.QueueGauge(1, 0));
            assertThat(waiting.queued()).isEqualTo(6);
            assertThat(waiting.dispatched()).isEqualTo(6);
            assertThat(waiting.started()).isZero();

            library.pauseQueue("io");
            library.start();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            LibraryMetrics afterwards = library.metrics();
            assertThat(afterwards.queues().get("io")).isEqualTo(new LibraryMetrics.QueueGauge(3, 0));
            assertThat(afterwards.queues().get("cpu")).isEqualTo(new LibraryMetrics.QueueGauge(0, 0));
            assertThat(afterwards.queued()).isEqualTo(3);
            assertThat(afterwards.started()).isEqualTo(3);
            assertThat(afterwards.completed()).isEqualTo(3);

            JsonNode json = new ObjectMapper().readTree(MetricsJson.encode(afterwards));
            assertThat(json.get("queued").asLong()).isEqualTo(3);
            assertThat(json.at("/queues/0/name").asText()).isEqualTo("cpu");
            assertThat(json.at("/queues/2/name").asText()).isEqualTo("io");
            assertThat(json.at("/queues/2/queued").asInt()).isEqualTo(3);
        }
    }
}
