package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.ErrorRecord;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.LogBudget;
import dev.stint.jobs.CountJob;
import dev.stint.spi.JobCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that logs without end (the issue's 20,000 lines of 8 KiB) writes a bounded amount, at most its budget
 * per run and per job (the per-job count holds across a pause and a restart), each line cut to the budget's
 * length, and what is dropped is counted and reported once: a warning and one non-critical error, so that
 * lines let through plus lines dropped is every line the job logged.
 */
class LogBudgetTest {
    private static final Pattern DROPPED = Pattern.compile("^(\\d+) log messages dropped \\((.*)\\)$");

    @TempDir
    Path dir;

    /** Logs {@code lines} INFO lines of {@code chars} characters (a few of them control characters), then completes. */
    @JobType(name = "test.log-flood")
    public static class FloodJob implements Job<Integer> {
        int lines;
        int chars;

        public FloodJob() {
        }

        FloodJob(int lines, int chars) {
            this.lines = lines;
            this.chars = chars;
        }

        @Override
        public Integer run(JobContext ctx) {
            String text = "\u001b]0;owned\u0007" + "x".repeat(Math.max(0, chars - 10));
            for (int i = 0; i < lines; i++) {
                ctx.log().info("{} {}", i, text);
            }
            return lines;
        }
    }

    /** Each run logs {@code lines} lines, says so, then waits for its gate (checking for a pause or shutdown). */
    @JobType(name = "test.log-runs")
    public static class RunsJob implements Job<Integer> {
        static final Map<String, Semaphore> LOGGED = new ConcurrentHashMap<>();
        static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
        String gate;
        int lines;

        public RunsJob() {
        }

        RunsJob(String gate, int lines) {
            this.gate = gate;
            this.lines = lines;
        }

        @Override
        public Integer run(JobContext ctx) throws InterruptedException {
            for (int i = 0; i < lines; i++) {
                ctx.log().info("run {} line {}", ctx.isResumed() ? "again" : "first", i);
            }
            LOGGED.get(gate).release();
            while (!GATES.get(gate).await(10, TimeUnit.MILLISECONDS)) {
                ctx.checkInterrupted();
            }
            return lines;
        }
    }

    private Library open(LogBudget budget) {
        return Library.builder(dir).catalog(JobCatalog.of(FloodJob.class, RunsJob.class, CountJob.class))
                .useServiceLoader(false).powerSafe(false).jobLogFiles(1L << 30).logBudget(budget)
                .shutdownTimeout(Duration.ofSeconds(10)).open();
    }

    @RepeatedTest(20)
    void a_flood_of_long_lines_keeps_the_run_cap_cuts_each_line_and_counts_every_drop() throws Exception {
        LogBudget budget = LogBudget.defaults().withRate(Integer.MAX_VALUE, Integer.MAX_VALUE).withMaxLineChars(1000);
        try (Library library = open(budget)) {
            JobHandle<Integer> flood = library.dispatch(new FloodJob(20_000, 8 * 1024));
            JobHandle<CountJob.Result> good = library.dispatch(new CountJob(50, 0, 0, null));
            assertThat(flood.result().get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
            assertThat(good.result().get(60, TimeUnit.SECONDS)).isNotNull();

            List<String> lines = logLines(library, flood.id());
            List<String> info = lines.stream().filter(l -> l.contains(" INFO ")).toList();
            assertThat(info).hasSize(1000);
            // cut to 1,000 characters and marked; the escape sequence is shown, never written raw
            assertThat(info).allSatisfy(l -> assertThat(l).contains("more characters dropped)")
                    .contains("\\u001b]0;owned\\u0007").doesNotContain("\u001b").hasSizeLessThan(1000 + 100));
            assertThat(lines).filteredOn(l -> l.contains(" WARN ")).hasSize(2)
                    .anySatisfy(l -> assertThat(l).contains("spent its log budget (1000 lines per run)"))
                    .anySatisfy(l -> assertThat(l).contains("19000 log messages dropped"));

            assertThat(droppedCounts(library.job(flood.id()).orElseThrow())).containsExactly(19_000L);
        }
        // recorded on the job, readable after a restart
        try (Library reopened = open(budget)) {
            JobInfo info = reopened.job(idOfOnlyFlood(reopened)).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(droppedReports(info)).containsExactly("19000 log messages dropped (19000 over the limit of "
                    + "1000 lines per run)");
            // the writer still commits
            assertThat(reopened.dispatch(new CountJob(5, 0, 0, null)).result().get(60, TimeUnit.SECONDS)).isNotNull();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM jobs WHERE status = 'running'")) {
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
    }

    @Test
    void at_the_default_budget_the_issues_flood_writes_at_most_the_run_cap_of_8_KiB_lines() throws Exception {
        try (Library library = open(LogBudget.defaults())) {
            JobHandle<Integer> flood = library.dispatch(new FloodJob(20_000, 8 * 1024));
            assertThat(flood.result().get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
            long bytes = Files.size(library.jobLogFile(flood.id()).orElseThrow());
            List<String> info = logLines(library, flood.id()).stream().filter(l -> l.contains(" INFO ")).toList();
            // the burst of 500, then 100 lines/s: far fewer than the run cap of 1,000 in the time the job takes
            assertThat(info.size()).isBetween(500, 1000);
            assertThat(bytes).isLessThanOrEqualTo(1000L * (8 * 1024 + 100) + 1024);
            List<Long> dropped = droppedCounts(library.job(flood.id()).orElseThrow());
            assertThat(dropped).hasSize(1);
            assertThat(info.size() + dropped.get(0)).isEqualTo(20_000);
        }
    }

    @Test
    void the_rate_limit_lets_a_burst_through_then_drops_and_counts() throws Exception {
        LogBudget budget = LogBudget.unlimited().withRate(10, 50);
        try (Library library = open(budget)) {
            long started = System.nanoTime();
            JobHandle<Integer> flood = library.dispatch(new FloodJob(20_000, 100));
            assertThat(flood.result().get(60, TimeUnit.SECONDS)).isEqualTo(20_000);
            double seconds = (System.nanoTime() - started) / 1e9;
            long passed = logLines(library, flood.id()).stream().filter(l -> l.contains(" INFO ")).count();
            assertThat(passed).isBetween(50L, 50L + (long) Math.ceil(10 * seconds) + 1);
            JobInfo info = library.job(flood.id()).orElseThrow();
            assertThat(droppedCounts(info)).containsExactly(20_000 - passed);
            assertThat(droppedReports(info).get(0)).contains("over the limit of 10 lines per second");
        }
    }

    @Test
    void the_per_job_count_holds_across_a_pause_a_resume_and_a_restart() throws Exception {
        LogBudget budget = LogBudget.unlimited().withLinesPerJob(100);
        RunsJob.LOGGED.put("runs", new Semaphore(0));
        RunsJob.GATES.put("runs", new CountDownLatch(1));
        String id;
        try (Library library = open(budget)) {
            id = library.dispatch(new RunsJob("runs", 40)).id();
            assertThat(RunsJob.LOGGED.get("runs").tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // run 1: 40 lines
            library.pause(id);
            await().atMost(Duration.ofSeconds(30)).until(() -> status(library, id) == JobStatus.PAUSED);
            library.resume(id);
            assertThat(RunsJob.LOGGED.get("runs").tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // run 2: 80 in all
        }
        try (Library library = open(budget)) {
            assertThat(RunsJob.LOGGED.get("runs").tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // run 3: 20 of 40
            RunsJob.GATES.get("runs").countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(library, id) == JobStatus.COMPLETED);
            long info = logLines(library, id).stream().filter(l -> l.contains(" INFO ")).count();
            assertThat(info).isEqualTo(100);
            assertThat(droppedReports(library.job(id).orElseThrow()))
                    .containsExactly("20 log messages dropped (20 over the limit of 100 lines per job)");
        }
    }

    @Test
    void a_job_whose_lines_go_nowhere_spends_nothing_and_a_budget_rejects_bad_values() throws Exception {
        // without log files and with INFO off (the tests log WARN and up), INFO lines cost nothing
        try (Library library = Library.builder(dir).catalog(JobCatalog.of(FloodJob.class)).useServiceLoader(false)
                .powerSafe(false).logBudget(LogBudget.defaults().withLinesPerRun(10)).open()) {
            JobHandle<Integer> h = library.dispatch(new FloodJob(5_000, 10));
            assertThat(h.result().get(60, TimeUnit.SECONDS)).isEqualTo(5_000);
            assertThat(library.job(h.id()).orElseThrow().nonCriticalErrors()).isEmpty();
        }
        assertThatThrownBy(() -> LogBudget.defaults().withLinesPerRun(-1)).hasMessageContaining("linesPerRun");
        assertThatThrownBy(() -> LogBudget.defaults().withMaxLineChars(0)).hasMessageContaining("maxLineChars");
        assertThatThrownBy(() -> LogBudget.defaults().withRate(0, 1)).hasMessageContaining("linesPerSecond");
        assertThatThrownBy(() -> LogBudget.defaults().withRate(1, 0)).hasMessageContaining("burst");
        assertThatThrownBy(() -> Library.builder(dir).logBudget(null)).isInstanceOf(NullPointerException.class);
    }

    private static JobStatus status(Library library, String id) {
        return library.job(id).map(JobInfo::status).orElse(null);
    }

    private static String idOfOnlyFlood(Library library) {
        return library.history(10).stream().filter(j -> j.name().equals("test.log-flood")).findFirst()
                .orElseThrow().id();
    }

    private static List<String> logLines(Library library, String id) throws Exception {
        return Files.readAllLines(library.jobLogFile(id).orElseThrow(), StandardCharsets.UTF_8);
    }

    private static List<String> droppedReports(JobInfo info) {
        return info.nonCriticalErrors().stream().map(ErrorRecord::message).filter(m -> DROPPED.matcher(m).matches())
                .toList();
    }

    private static List<Long> droppedCounts(JobInfo info) {
        return droppedReports(info).stream().map(m -> {
            Matcher matcher = DROPPED.matcher(m);
            assertThat(matcher.matches()).isTrue();
            return Long.parseLong(matcher.group(1));
        }).toList();
    }
}
