package dev.stint.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobStatus;
import dev.stint.Progress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What {@code watch} prints, piped and on a terminal, driven by a hand-moved clock. */
class WatchViewTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(5 * SECOND);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        String text = bytes.toString(StandardCharsets.UTF_8);
        bytes.reset();
        return text;
    }

    @Test
    void piped_it_prints_status_changes_at_once_and_one_progress_line_per_second_with_the_latest_value() {
        WatchView view = new WatchView(out, false, 80, 24, "library x", clock::get);
        view.status("j1", "demo.count", JobStatus.RUNNING, null, null);
        assertThat(printed()).isEqualTo("j1 demo.count running\n");

        view.progress("j1", "demo.count", new Progress.Count(10, 100));
        assertThat(view.flush()).isEqualTo(SECOND);
        assertThat(printed()).isEmpty();
        clock.addAndGet(SECOND / 2);
        view.progress("j1", "demo.count", new Progress.Count(20, 100));
        assertThat(view.flush()).isEqualTo(SECOND / 2);
        assertThat(printed()).isEmpty();
        clock.addAndGet(SECOND / 2);
        view.progress("j1", "demo.count", new Progress.Count(30, 100));
        assertThat(view.flush()).isEqualTo(-1);
        // 10% -> 30% in one second: 70% to go takes 3.5 s
        assertThat(printed()).isEqualTo("j1 demo.count running 30/100, 4 s left\n");

        view.status("j1", "demo.count", JobStatus.PAUSED, null, null);
        assertThat(printed()).isEqualTo("j1 demo.count paused\n");
        view.status("j1", "demo.count", JobStatus.CANCELLED, null, null);
        assertThat(printed()).isEqualTo("j1 demo.count cancelled\n");
        assertThat(view.activeCount()).isZero();
        assertThat(view.flush()).isEqualTo(-1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void on_a_terminal_it_redraws_the_rows_in_place_and_keeps_a_line_for_each_finished_job() {
        WatchView view = new WatchView(out, true, 120, 24, "library x", clock::get);
        view.status("j1", "demo.count", JobStatus.RUNNING, new Progress.Count(50, 100), null);
        view.status("j2", "demo.phased", JobStatus.QUEUED, null, null);
        assertThat(view.flush()).isEqualTo(-1);
        assertThat(printed()).isEqualTo("\u001b[J"
                + "library x · 2 active · Ctrl-C to stop\n"
                + "j1  demo.count   running  [##########..........]  50/100\n"
                + "j2  demo.phased  queued   [....................]\n");

        view.status("j1", "demo.count", JobStatus.COMPLETED, null, null);
        assertThat(view.flush()).as("a frame is not over yet").isEqualTo(WatchView.FRAME_NANOS);
        assertThat(printed()).isEmpty();
        clock.addAndGet(WatchView.FRAME_NANOS);
        assertThat(view.flush()).isEqualTo(-1);
        assertThat(printed()).isEqualTo("\r\u001b[3A\u001b[J"
                + "j1 demo.count completed\n"
                + "library x · 1 active · Ctrl-C to stop\n"
                + "j2  demo.phased  queued  [....................]\n");
        clock.addAndGet(WatchView.FRAME_NANOS);
        assertThat(view.flush()).as("nothing changed").isEqualTo(-1);
        assertThat(printed()).isEmpty();
    }

    @Test
    void a_narrow_terminal_gets_a_shorter_bar() {
        WatchView view = new WatchView(out, true, 80, 24, "t", clock::get);
        view.status("j1", "demo.count", JobStatus.RUNNING, new Progress.Count(50, 100), null);
        view.flush();

        assertThat(printed()).endsWith("j1  demo.count  running  [#####.....]  50/100\n");
    }

    @Test
    void rows_are_escaped_and_cut_to_the_terminal_width() {
        WatchView view = new WatchView(out, true, 30, 24, "t", clock::get);
        view.status("j1", "evil\u001b[2Jname-that-is-long", JobStatus.RUNNING, null, null);
        view.flush();

        String[] lines = printed().split("\n");
        assertThat(lines[1]).startsWith("j1  evil\\u001b[2Jname-").hasSize(29);
    }

    @Test
    void time_left_needs_a_second_of_progress_and_starts_over_when_the_job_goes_back() {
        TimeLeft eta = new TimeLeft();
        assertThat(eta.update(0, 0.1)).isNull();
        assertThat(eta.update(SECOND / 2, 0.2)).as("less than a second").isNull();
        assertThat(eta.update(2 * SECOND, 0.3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(eta.update(3 * SECOND, 0.1)).as("went back: starts over").isNull();
        assertThat(eta.update(4 * SECOND, -1)).isNull();
        assertThat(eta.update(5 * SECOND, 1.0)).isEqualTo(Duration.ZERO);
        assertThat(TimeLeft.format(Duration.ofSeconds(125))).isEqualTo("2 min 5 s left");
        assertThat(TimeLeft.format(Duration.ofMinutes(63))).isEqualTo("1 h 3 min left");
        assertThat(TimeLeft.format(null)).isEmpty();
    }

    @Test
    void on_a_terminal_running_jobs_come_first_time_left_before_the_progress_and_rows_that_do_not_fit_are_counted() {
        WatchView view = new WatchView(out, true, 120, 6, "t", clock::get);
        view.status("q1", "demo.count", JobStatus.QUEUED, null, null);
        view.status("q2", "demo.count", JobStatus.QUEUED, null, null);
        view.status("p1", "demo.count", JobStatus.PAUSED, new Progress.Count(1, 4), null);
        view.status("r1", "demo.count", JobStatus.RUNNING, null, null);
        view.progress("r1", "demo.count", new Progress.Count(0, 10));
        clock.addAndGet(2 * SECOND);
        view.progress("r1", "demo.count", new Progress.Count(5, 10));
        view.flush();

        assertThat(printed()).isEqualTo("\u001b[J"
                + "t · 4 active · Ctrl-C to stop\n"
                + "r1  demo.count  running  [##########..........]  2 s left  5/10\n"
                + "p1  demo.count  paused   [#####...............]            1/4\n"
                + "q1  demo.count  queued   [....................]\n"
                + "... and 1 more\n");
    }
}
