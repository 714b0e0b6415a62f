package dev.stint.internal.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobLogFilesTest {
    private static final Instant AT = Instant.parse("2026-11-23T04:33:10.123Z");
    private static final String ID = "0193c0de-7f00-7abc-8def-0123456789ab";

    @TempDir
    Path dir;

    private Path logDir() {
        return dir.resolve("logs");
    }

    private List<String> lines(String jobId) throws IOException {
        return Files.readAllLines(logDir().resolve(jobId + ".log"), StandardCharsets.UTF_8);
    }

    private static int bytes(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void lines_are_appended_in_order_with_a_utc_millisecond_timestamp_and_the_folder_is_created() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        logs.append(ID, AT, "INFO", "first");
        logs.append(ID, Instant.parse("2026-11-23T04:33:11Z"), "WARN", "second, with ünïcödé");
        logs.append(ID, Instant.parse("2026-11-23T04:33:12.000987Z"), "ERROR", "third");

        assertThat(lines(ID)).containsExactly(
                "2026-11-23T04:33:10.123Z INFO first",
                "2026-11-23T04:33:11.000Z WARN second, with ünïcödé",
                "2026-11-23T04:33:12.000Z ERROR third");
        assertThat(logs.file(ID)).contains(logDir().resolve(ID + ".log"));
        assertThat(logs.size(ID)).isEqualTo(Files.size(logDir().resolve(ID + ".log")));
    }

    @Test
    void a_message_spanning_lines_is_one_entry_with_indented_continuation_lines() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        logs.append(ID, AT, "ERROR", "failed\r\njava.io.IOException: disk\n\tat X.y(X.java:1)\n");
        logs.append(ID, AT, "INFO", "next");

        assertThat(lines(ID)).containsExactly(
                "2026-11-23T04:33:10.123Z ERROR failed",
                "  java.io.IOException: disk",
                "  \tat X.y(X.java:1)",
                "2026-11-23T04:33:10.123Z INFO next");
    }

    @Test
    void a_job_that_has_not_logged_has_no_file_and_size_zero() {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        assertThat(logs.file(ID)).isEmpty();
        assertThat(logs.size(ID)).isZero();
    }

    @Test
    void the_cap_is_respected_exactly_with_a_single_truncation_line() throws Exception {
        String padding = "x".repeat(43);
        String notice = "2026-11-23T04:33:10.123Z WARN log truncated at 300 bytes";
        // room for exactly three lines plus the notice
        long cap = 3L * bytes("2026-11-23T04:33:10.123Z INFO line 1 " + padding) + bytes(notice);
        assertThat(cap).isEqualTo(300);
        JobLogFiles logs = new JobLogFiles(logDir(), cap);
        for (int i = 1; i <= 20; i++) {
            logs.append(ID, AT, "INFO", "line " + (i % 10) + " " + padding);
        }

        assertThat(lines(ID)).containsExactly(
                "2026-11-23T04:33:10.123Z INFO line 1 " + padding,
                "2026-11-23T04:33:10.123Z INFO line 2 " + padding,
                "2026-11-23T04:33:10.123Z INFO line 3 " + padding,
                notice);
        assertThat(logs.size(ID)).isEqualTo(cap);
    }

    @Test
    void a_short_line_after_truncation_is_dropped_even_if_it_would_fit() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 150);
        logs.append(ID, AT, "INFO", "short");
        logs.append(ID, AT, "INFO", "x".repeat(100));
        logs.append(ID, AT, "INFO", "y");

        assertThat(lines(ID)).containsExactly(
                "2026-11-23T04:33:10.123Z INFO short",
                "2026-11-23T04:33:10.123Z WARN log truncated at 150 bytes");
        assertThat(logs.size(ID)).isLessThanOrEqualTo(150);
    }

    @Test
    void a_cap_too_small_for_the_notice_leaves_the_file_within_the_cap() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 20);
        logs.append(ID, AT, "INFO", "hello");
        assertThat(logs.size(ID)).isLessThanOrEqualTo(20);
    }

    @Test
    void a_log_truncated_by_an_earlier_run_stays_truncated() throws Exception {
        new JobLogFiles(logDir(), 150).append(ID, AT, "INFO", "x".repeat(200));
        assertThat(lines(ID)).containsExactly("2026-11-23T04:33:10.123Z WARN log truncated at 150 bytes");

        JobLogFiles reopened = new JobLogFiles(logDir(), 150);
        reopened.append(ID, AT, "INFO", "y");
        assertThat(lines(ID)).containsExactly("2026-11-23T04:33:10.123Z WARN log truncated at 150 bytes");
    }

    @Test
    void delete_removes_the_file_and_the_job_may_log_afresh() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 150);
        logs.append(ID, AT, "INFO", "x".repeat(200));
        logs.delete(ID);
        assertThat(logs.file(ID)).isEmpty();
        assertThat(logs.size(ID)).isZero();
        assertThat(logDir().resolve(ID + ".log")).doesNotExist();

        logs.append(ID, AT, "INFO", "again");
        assertThat(lines(ID)).containsExactly("2026-11-23T04:33:10.123Z INFO again");
        logs.delete("never-logged");
    }

    @ParameterizedTest(name = "job id \"{0}\" is rejected")
    @ValueSource(strings = {"../x", "a/b", "a\\b", ".hidden", "..", "", "a b", "x:y", "ü", "con", "NUL.txt", "lpt1"})
    void ids_that_could_escape_the_folder_or_name_a_device_are_rejected(String jobId) {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        assertThatThrownBy(() -> logs.append(jobId, AT, "INFO", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("job id '" + jobId + "'");
        assertThatThrownBy(() -> logs.delete(jobId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.file(jobId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> logs.size(jobId)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void ids_with_dots_dashes_and_underscores_inside_are_accepted() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        logs.append("a.b-c_D9", AT, "INFO", "ok");
        assertThat(lines("a.b-c_D9")).hasSize(1);
        assertThatThrownBy(() -> logs.append("a".repeat(201), AT, "INFO", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_non_positive_cap_is_rejected() {
        assertThatThrownBy(() -> new JobLogFiles(logDir(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytesPerJob must be positive, was 0");
    }

    @Test
    void a_write_failure_is_swallowed_so_the_job_keeps_running() throws Exception {
        Files.writeString(logDir(), "a file where the folder should be");
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        logs.append(ID, AT, "INFO", "lost");
        logs.append(ID, AT, "INFO", "lost too");
        assertThat(logs.file(ID)).isEmpty();
    }

    @Test
    void an_interrupted_job_can_still_log_and_keeps_its_interrupt() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000);
        Thread.currentThread().interrupt();
        try {
            logs.append(ID, AT, "INFO", "cancelled");
            logs.append(ID, AT, "INFO", "cleaned up");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(lines(ID)).containsExactly(
                "2026-11-23T04:33:10.123Z INFO cancelled",
                "2026-11-23T04:33:10.123Z INFO cleaned up");
    }

    @Test
    void concurrent_appends_from_eight_threads_to_one_job_produce_whole_lines_in_each_threads_order()
            throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 10_000_000);
        int threads = 8;
        int each = 300;
        runConcurrently(threads, t -> {
            for (int i = 0; i < each; i++) {
                // varying lengths make torn or interleaved writes visible
                logs.append(ID, AT, "INFO", "t" + t + " n" + i + " " + "*".repeat(i % 50));
            }
        });

        List<String> lines = lines(ID);
        assertThat(lines).hasSize(threads * each);
        int[] nextPerThread = new int[threads];
        for (String line : lines) {
            assertThat(line).matches("2026-11-23T04:33:10\\.123Z INFO t[0-7] n[0-9]+ \\**");
            String[] parts = line.split(" ");
            int t = Integer.parseInt(parts[2].substring(1));
            int i = Integer.parseInt(parts[3].substring(1));
            assertThat(i).as("line of thread %d", t).isEqualTo(nextPerThread[t]++);
            assertThat(parts.length == 5 ? parts[4] : "").isEqualTo("*".repeat(i % 50));
        }
    }

    @Test
    void two_jobs_logging_concurrently_keep_to_their_own_files_and_caps() throws Exception {
        JobLogFiles logs = new JobLogFiles(logDir(), 20_000);
        runConcurrently(8, t -> {
            String job = t % 2 == 0 ? "job-a" : "job-b";
            for (int i = 0; i < 200; i++) {
                logs.append(job, AT, "INFO", job + " t" + t + " n" + i);
            }
        });

        for (String job : List.of("job-a", "job-b")) {
            List<String> lines = lines(job);
            assertThat(logs.size(job)).isLessThanOrEqualTo(20_000);
            assertThat(lines.getLast()).isEqualTo("2026-11-23T04:33:10.123Z WARN log truncated at 20000 bytes");
            assertThat(lines.subList(0, lines.size() - 1))
                    .hasSizeGreaterThan(100)
                    .allMatch(line -> line.matches("2026-11-23T04:33:10\\.123Z INFO " + job + " t[0-7] n[0-9]+"));
        }
    }

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    /** Starts all threads together behind a latch and waits for them, failing on any thread's error. */
    private static void runConcurrently(int threads, ThreadBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        start.await();
                        body.run(thread);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }
}
