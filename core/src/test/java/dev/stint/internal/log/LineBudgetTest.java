package dev.stint.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.LogBudget;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LineBudgetTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private LineBudget budget(LogBudget limits, long earlierRuns) {
        return new LineBudget(limits, () -> earlierRuns, nanos::get);
    }

    private static int allowed(LineBudget budget, int lines) {
        int n = 0;
        for (int i = 0; i < lines; i++) {
            if (budget.take().allowed()) {
                n++;
            }
        }
        return n;
    }

    @Test
    void the_rate_lets_the_burst_through_then_refills_with_time_up_to_the_burst() {
        LineBudget budget = budget(LogBudget.unlimited().withRate(10, 5), 0);
        assertThat(allowed(budget, 20)).isEqualTo(5);
        nanos.addAndGet(300_000_000L); // 0.3 s: 3 lines
        assertThat(allowed(budget, 20)).isEqualTo(3);
        nanos.addAndGet(60_000_000_000L); // a minute: the bucket holds no more than the burst
        assertThat(allowed(budget, 20)).isEqualTo(5);
        assertThat(budget.dropped()).isEqualTo(60 - 13);
        assertThat(budget.droppedReport()).isEqualTo("47 log messages dropped (47 over the limit of 10 lines per second)");
    }

    @Test
    void the_run_cap_comes_before_the_job_cap_and_the_first_drop_is_flagged_once() {
        LineBudget budget = budget(LogBudget.unlimited().withLinesPerRun(10).withLinesPerJob(100), 0);
        assertThat(allowed(budget, 10)).isEqualTo(10);
        LineBudget.Decision first = budget.take();
        assertThat(first.allowed()).isFalse();
        assertThat(first.refusal()).isEqualTo(LineBudget.Refusal.RUN_CAP);
        assertThat(first.firstDrop()).isTrue();
        assertThat(budget.take().firstDrop()).isFalse();
        assertThat(budget.takeUnsaved()).isEqualTo(10);
        assertThat(budget.takeUnsaved()).isZero();
    }

    @Test
    void the_job_cap_counts_earlier_runs_read_once_on_the_first_line() {
        AtomicInteger reads = new AtomicInteger();
        LineBudget budget = new LineBudget(LogBudget.unlimited().withLinesPerJob(100), () -> {
            reads.incrementAndGet();
            return 95;
        }, nanos::get);
        assertThat(reads).hasValue(0);
        assertThat(allowed(budget, 20)).isEqualTo(5);
        assertThat(reads).hasValue(1);
        assertThat(budget.droppedReport()).isEqualTo("15 log messages dropped (15 over the limit of 100 lines per job)");
    }

    @Test
    void a_long_line_is_cut_and_marked_without_splitting_a_surrogate_pair() {
        LineBudget budget = budget(LogBudget.defaults().withMaxLineChars(5), 0);
        assertThat(budget.cut("12345")).isEqualTo("12345");
        assertThat(budget.cut("123456789")).isEqualTo("12345... (4 more characters dropped)");
        assertThat(budget.cut("1234\uD83D\uDE00x")).isEqualTo("1234... (3 more characters dropped)");
        assertThat(budget(LogBudget.defaults(), 0).droppedReport()).isNull();
    }

    @Test
    void log_text_escapes_controls_and_invisible_formatting_but_keeps_line_feeds_and_tabs() {
        assertThat(LogText.escape("plain\ttext\nline")).isEqualTo("plain\ttext\nline");
        assertThat(LogText.escape("a\u001b[2Jb\u0007")).isEqualTo("a\\u001b[2Jb\\u0007");
        assertThat(LogText.escape("win\r\nline\rover")).isEqualTo("win\nline\\u000dover");
        assertThat(LogText.escape("\u202Eevil\u0085")).isEqualTo("\\u202eevil\\u0085");
        assertThat(LogText.escape(null)).isEqualTo("null");
    }
}
