package dev.stint.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.LibraryMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The JSON form of a snapshot: its field names are a contract (the control endpoint serves it). */
class MetricsJsonTest {
    private static final Instant OPENED = Instant.ofEpochMilli(1_765_000_000_000L);

    @Test
    void the_form_has_stable_field_names_and_values() {
        Metrics metrics = new Metrics(OPENED);
        metrics.jobsDispatched(3);
        metrics.runStarted();
        metrics.runEnded(RunOutcome.COMPLETED);
        metrics.batchCommitted(1);
        metrics.batchCommitted(3);
        metrics.checkpointCommitted(TimeUnit.MICROSECONDS.toNanos(300));
        Map<String, LibraryMetrics.QueueGauge> queues = new LinkedHashMap<>();
        queues.put("default", new LibraryMetrics.QueueGauge(2, 0));
        String json = MetricsJson.encode(metrics.snapshot(OPENED.plusSeconds(4), 0, queues));

        assertThat(json).isEqualTo("{\"version\":1,\"openedAt\":1765000000000,\"takenAt\":1765000004000,"
                + "\"jobs\":{\"dispatched\":3,\"started\":1,\"completed\":1,\"failed\":0,\"cancelled\":0,\"retried\":0,"
                + "\"paused\":0,\"interrupted\":0},\"running\":0,\"queued\":2,"
                + "\"queues\":[{\"name\":\"default\",\"queued\":2,\"running\":0}],"
                + "\"commitBatches\":{\"count\":2,\"writes\":4,\"maxWrites\":3,\"sizes\":["
                + "{\"le\":1,\"count\":1},{\"le\":2,\"count\":0},{\"le\":4,\"count\":1},{\"le\":8,\"count\":0},"
                + "{\"le\":16,\"count\":0},{\"le\":32,\"count\":0},{\"le\":64,\"count\":0},{\"le\":128,\"count\":0},"
                + "{\"le\":256,\"count\":0},{\"le\":512,\"count\":0},{\"le\":null,\"count\":0}]},"
                + "\"checkpointLatencyMs\":{\"count\":1,\"buckets\":["
                + "{\"le\":0.1,\"count\":0},{\"le\":0.25,\"count\":0},{\"le\":0.5,\"count\":1},{\"le\":1,\"count\":0},"
                + "{\"le\":2.5,\"count\":0},{\"le\":5,\"count\":0},{\"le\":10,\"count\":0},{\"le\":25,\"count\":0},"
                + "{\"le\":50,\"count\":0},{\"le\":100,\"count\":0},{\"le\":250,\"count\":0},{\"le\":null,\"count\":0}]}}");
    }

    @Test
    void queue_names_are_escaped_into_valid_json() throws Exception {
        String odd = "q\"\\\n\t\u0001\uD800é😀";
        Map<String, LibraryMetrics.QueueGauge> queues = Map.of(odd, new LibraryMetrics.QueueGauge(1, 1));
        String json = MetricsJson.encode(new Metrics(OPENED).snapshot(OPENED, 1, queues));

        JsonNode read = new ObjectMapper().readTree(json);
        // everything but the lone surrogate survives as it was
        assertThat(read.at("/queues/0/name").asText()).startsWith("q\"\\\n\t\u0001").endsWith("é😀");
        assertThat(json).contains("\\ud800").doesNotContain("\n");
    }

    @Test
    void bucket_bounds_are_inclusive_and_the_last_bucket_takes_the_rest() {
        Metrics metrics = new Metrics(OPENED);
        metrics.checkpointCommitted(TimeUnit.MICROSECONDS.toNanos(100)); // 0.1 ms: the first bucket
        metrics.checkpointCommitted(TimeUnit.MICROSECONDS.toNanos(101)); // just over: the second
        metrics.checkpointCommitted(TimeUnit.MILLISECONDS.toNanos(250)); // the last bounded one
        metrics.checkpointCommitted(TimeUnit.SECONDS.toNanos(3)); // unbounded
        metrics.batchCommitted(512);
        metrics.batchCommitted(513);
        LibraryMetrics m = metrics.snapshot(OPENED, 0, Map.of());

        assertThat(m.checkpointLatency().buckets()).extracting(LibraryMetrics.Histogram.Bucket::count)
                .containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 1L);
        assertThat(m.checkpointLatency().count()).isEqualTo(4);
        assertThat(m.commitBatches().sizes().buckets().get(9).count()).isEqualTo(1);
        assertThat(m.commitBatches().sizes().buckets().get(10).count()).isEqualTo(1);
        assertThat(m.commitBatches().maxWrites()).isEqualTo(513);
    }

    @Test
    void each_outcome_counts_where_it_belongs() {
        Metrics metrics = new Metrics(OPENED);
        for (RunOutcome outcome : RunOutcome.values()) {
            metrics.runEnded(outcome);
        }
        metrics.jobCancelled();
        LibraryMetrics m = metrics.snapshot(OPENED, 0, Map.of());
        assertThat(new long[] {m.completed(), m.failed(), m.retried(), m.cancelled(), m.paused(), m.interrupted()})
                .containsExactly(1, 1, 1, 2, 1, 1);
        assertThat(m.started()).isZero();
        assertThat(m.dispatched()).isZero();
    }
}
