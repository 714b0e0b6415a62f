package dev.stint.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBudgetUnitTest {
    private static final Instant NOW = Instant.parse("2026-12-06T06:00:00Z");

    private static ErrorRecord error(int i, int chars) {
        return new ErrorRecord("x", i + ":" + "m".repeat(chars), "s".repeat(chars), NOW);
    }

    @Test
    void a_record_keeps_a_capped_message_and_stack_trace_and_says_how_much_was_dropped() {
        ErrorRecord trimmed = ErrorBudget.trim(error(1, 100_000));
        assertThat(trimmed.message()).startsWith("1:").endsWith("more characters dropped)")
                .hasSizeLessThan(ErrorBudget.MAX_MESSAGE_CHARS + 100);
        assertThat(trimmed.stackTrace()).hasSizeLessThan(ErrorBudget.MAX_STACK_TRACE_CHARS + 100);
        ErrorRecord small = error(2, 10);
        assertThat(ErrorBudget.trim(small)).isSameAs(small);
    }

    @Test
    void a_list_keeps_its_latest_records_and_counts_the_dropped_ones_first() {
        List<ErrorRecord> errors = new ArrayList<>();
        for (int i = 0; i < ErrorBudget.MAX_ERRORS + 25; i++) {
            ErrorBudget.add(errors, error(i, 1), NOW);
        }
        assertThat(errors).hasSize(ErrorBudget.MAX_ERRORS + 1);
        assertThat(errors.get(0).type()).isEqualTo(ErrorBudget.DROPPED_TYPE);
        assertThat(ErrorBudget.droppedCount(errors.get(0))).isEqualTo(25);
        assertThat(errors.get(1).message()).startsWith("25:");
        // the count survives a round trip through storage and goes on counting
        List<ErrorRecord> again = ErrorBudget.bounded(errors, NOW);
        ErrorBudget.add(again, error(999, 1), NOW);
        assertThat(ErrorBudget.droppedCount(again.get(0))).isEqualTo(26);
    }

    @Test
    void an_encoded_list_is_trimmed_oldest_first_until_it_fits_what_the_library_reads() {
        StateCodec codec = new StateCodec();
        codec.useLimits(new BlobLimits(20_000, 20_000, 1_000));
        List<ErrorRecord> errors = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ErrorBudget.add(errors, error(i, 1_000), NOW);
        }
        byte[] blob = ErrorBudget.encode(codec, errors, NOW);
        assertThat(blob.length).isLessThanOrEqualTo(20_000);
        assertThat(StoredError.toRecords(codec.decode(blob, StoredError[].class))).isEqualTo(errors);
        assertThat(errors.get(errors.size() - 1).message()).startsWith("49:");
        assertThat(errors.get(0).type()).isEqualTo(ErrorBudget.DROPPED_TYPE);
    }
}
