package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ErrorRecord;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import dev.stint.RowDamage;
import dev.stint.StopReason;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The canonical job JSON: the fields of {@code stint list --json}, in order, and its reader. */
class ControlJobJsonCodecTest {
    private final JobJsonCodec codec = new JobJsonCodec(ControlFixtures.MAPPER);

    @Test
    void the_fields_are_those_of_list_json_in_their_order() {
        ObjectNode o = codec.toJson(job(null));
        assertThat(o.properties()).extracting(Map.Entry::getKey).containsExactly("id", "name", "version", "status",
                "output", "error", "runCount", "checkpoints", "stopReason", "progress", "createdAt", "startedAt",
                "finishedAt", "queue", "priority", "attempts", "maxAttempts", "runAt", "uniqueKey", "parentId",
                "initiator", "retryOf", "runTimeMillis", "nonCriticalErrors", "attemptErrors", "damage");
        assertThat(o.path("status").asText()).isEqualTo("failed");
        assertThat(o.path("stopReason").asText()).isEqualTo("retry");
        assertThat(o.path("error").path("type").asText()).isEqualTo("java.io.IOException");
        assertThat(o.path("error").has("stackTrace")).isFalse();
        assertThat(o.path("output").path("sum").asInt()).isEqualTo(6);
    }

    @Test
    void a_job_reads_back_with_every_field_the_form_carries() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("done", 2);
        data.put("file", "a.jpg");
        for (Progress p : new Progress[] {new Progress.Count(2, 5), new Progress.Bytes(10, -1), new Progress.Percent(0.25),
                new Progress.Indeterminate("scanning"), new Progress.Phase("upload", data), null}) {
            JobInfo original = job(p);
            JobInfo back = codec.fromJson(codec.toJson(original));
            assertThat(back.progress()).isEqualTo(p);
            assertThat(back).usingRecursiveComparison()
                    .ignoringFields("timeout", "resultsJson", "stepsCompleted", "error", "nonCriticalErrors",
                            "attemptErrors").isEqualTo(original);
            assertThat(back.error().type()).isEqualTo(original.error().type());
            assertThat(back.error().message()).isEqualTo(original.error().message());
            assertThat(back.error().at()).isEqualTo(original.finishedAt());
            assertThat(back.nonCriticalErrors()).extracting(ErrorRecord::summary)
                    .isEqualTo(original.nonCriticalErrors().stream().map(ErrorRecord::summary).toList());
            assertThat(back.attemptErrors()).hasSize(1);
        }
    }

    private static JobInfo job(Progress progress) {
        Instant created = Instant.ofEpochMilli(1_700_000_000_000L);
        ErrorRecord error = ErrorRecord.of("java.io.IOException", "disk full", created.plusSeconds(9));
        return new JobInfo("id-1", "photos.import", 2, JobStatus.FAILED, created, created.plusSeconds(1),
                created.plusSeconds(10), 3, 4, StopReason.RETRY, progress, "{\"sum\":6}", error,
                List.of(ErrorRecord.of("w", "skipped a file", created)), "imports", 5, created.plusSeconds(2), 3, 4,
                Duration.ofMinutes(1), "key", "parent-1", "ops", List.of(error), Duration.ofMillis(1234), null, 0,
                new RowDamage("job_rows", 7, List.of("bad status")), "id-0");
    }
}
