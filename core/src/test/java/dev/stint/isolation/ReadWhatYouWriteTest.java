package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stint.DispatchOptions;
import dev.stint.ErrorRecord;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read what you write: every blob the library writes (dispatch arguments, checkpoint state, step results,
 * intermediate results, progress snapshots, non-critical errors, attempt errors, a failure's error, outputs) is
 * written at the largest size its limit allows, and once more over it; after a restart every job reads back
 * whole (nothing "unreadable", no progress lost) and every stored blob is within what the library reads. Run
 * with state and output limits of 32 KiB and of 2 KiB, under the default 64 KiB progress data limit: so the
 * progress data a job may report is larger than what the library reads back, and so is a failure's capped
 * error record (8 K characters of message and 32 K of stack trace).
 */
class ReadWhatYouWriteTest {
    @TempDir
    Path dir;

    /**
     * Writes each kind at its limit and one over it (counted in {@code refused}); fails its first
     * {@code failures} attempts with an error far over the limits, then fails or completes with an output of
     * {@code outputChars}. With a {@code gate}, it instead checkpoints its state at the limit, waits for the
     * library to close, and when resumed returns the length of the state it resumed with.
     */
    @JobType(name = "test.blobs")
    public static class BlobsJob implements Job<String> {
        static final Map<String, Semaphore> CHECKPOINTED = new ConcurrentHashMap<>();
        static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

        String payload = "";
        String gate;
        long limit;
        int failures;
        boolean failAtEnd;
        int outputChars;
        int refused;

        public BlobsJob() {
        }

        @Override
        public String run(JobContext ctx) throws Exception {
            if (gate != null) {
                if (ctx.isResumed()) {
                    return "resumed with " + payload.length() + " refused " + refused;
                }
                int n = fit(i -> {
                    payload = "c".repeat(i);
                    ctx.checkpoint();
                });
                CHECKPOINTED.get(gate).release();
                while (!GATES.get(gate).await(10, TimeUnit.MILLISECONDS)) {
                    ctx.checkInterrupted();
                }
                return "not resumed " + n;
            }
            ctx.reportProgress(new Progress.Indeterminate("m".repeat(100_000)));
            // under the progress data limit (64 KiB), over what a library with small limits reads back
            ctx.reportPhase("big", Map.of("blob", "d".repeat(60_000)));
            fit(i -> ctx.step("max-" + i, String.class, () -> "s".repeat(i)));
            fit(i -> ctx.mergeResults(Map.of("r", "r".repeat(i))));
            for (int i = 0; i < 200; i++) {
                ctx.reportNonCriticalError(i + ":" + "\0".repeat(8 * 1024));
            }
            if (ctx.attempt() <= failures || failAtEnd) {
                throw new IllegalStateException("attempt " + ctx.attempt() + " " + "e".repeat(40_000));
            }
            return "o".repeat(outputChars);
        }

        /** The largest size {@code write} accepts (it throws over its limit), after which one more is refused. */
        private int fit(ThrowingIntConsumer write) throws Exception {
            int n = (int) limit;
            while (true) {
                try {
                    write.accept(n);
                    break;
                } catch (JobDataTooLargeException e) {
                    n -= (int) Math.max(1, e.size() - e.limit());
                }
            }
            try {
                write.accept(n + 1);
                throw new AssertionError("a write over the limit was accepted at " + (n + 1));
            } catch (JobDataTooLargeException e) {
                refused++;
            }
            write.accept(n); // back to the largest (a step of that name is already done)
            return n;
        }
    }

    /** Spawns a child held at a gate, then grows its state over {@code limit} and waits for the child. */
    @JobType(name = "test.outgrowing-parent")
    public static class OutgrowingParent implements Job<String> {
        String payload = "";
        long limit;

        public OutgrowingParent() {
        }

        @Override
        public String run(JobContext ctx) {
            List<String> ids = ctx.spawn(List.of(new HeldChild()));
            payload = "p".repeat((int) limit + 1);
            ctx.awaitChildren(ids, dev.stint.ChildFailurePolicy.COLLECT);
            return "children done";
        }
    }

    /** Waits until {@link #RELEASE} opens. */
    @JobType(name = "test.held-child")
    public static class HeldChild implements Job<String> {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public String run(JobContext ctx) throws InterruptedException {
            while (!RELEASE.await(10, TimeUnit.MILLISECONDS)) {
                ctx.checkInterrupted();
            }
            return "released";
        }
    }

    /**
     * Attempt 1 reports 20 errors of 8 K characters and fails with a large error; attempt 2 waits for its gate
     * (the library closes and reopens with lower limits), then fails; attempt 3 reports one error and completes.
     */
    @JobType(name = "test.errors-across-limits")
    public static class ErrorsAcrossLimits implements Job<String> {
        static final Semaphore REPORTED = new Semaphore(0);
        static final CountDownLatch GATE = new CountDownLatch(1);

        boolean waited;

        @Override
        public String run(JobContext ctx) throws InterruptedException {
            if (ctx.attempt() == 1) {
                for (int i = 0; i < 20; i++) {
                    ctx.reportNonCriticalError(i + ":" + "x".repeat(8 * 1024));
                }
                throw new IllegalStateException("first attempt " + "y".repeat(40_000));
            }
            if (ctx.attempt() == 2 && !waited) {
                waited = true; // saved when the library closes
                REPORTED.release();
                while (!GATE.await(10, TimeUnit.MILLISECONDS)) {
                    ctx.checkInterrupted();
                }
                return "not stopped";
            }
            if (ctx.attempt() == 2) {
                throw new IllegalStateException("second attempt");
            }
            ctx.reportNonCriticalError("after the limits were lowered");
            return "done";
        }
    }

    interface ThrowingIntConsumer {
        void accept(int n) throws Exception;
    }

    private Library open(long limit) {
        return Library.builder(dir).catalog(JobCatalog.of(BlobsJob.class, OutgrowingParent.class, HeldChild.class,
                ErrorsAcrossLimits.class)).useServiceLoader(false).powerSafe(false)
                .maxStateBytes(limit).maxOutputBytes(limit).shutdownTimeout(Duration.ofSeconds(10)).open();
    }

    @ParameterizedTest(name = "limits of {0} bytes")
    @ValueSource(longs = {32 * 1024, 2 * 1024})
    void every_kind_written_at_its_limit_reads_back_whole_after_a_restart(long limit) throws Exception {
        String gate = "gate-" + limit;
        BlobsJob.CHECKPOINTED.put(gate, new Semaphore(0));
        BlobsJob.GATES.put(gate, new CountDownLatch(1));
        List<String> ids = new ArrayList<>();
        String failedId;
        String completedId;
        String overOutputId;
        String pausedId;
        try (Library library = open(limit)) {
            // dispatch arguments at the limit; one byte more is refused and stores nothing
            BlobsJob args = blobs(limit);
            args.payload = "a".repeat(largestArguments(library, limit));
            args.failures = 2;
            args.failAtEnd = true;
            failedId = library.dispatch(args, DispatchOptions.defaults().withMaxAttempts(3)
                    .withBackoff(Duration.ofMillis(1))).id();
            BlobsJob completes = blobs(limit);
            completes.outputChars = (int) limit - 3; // a MessagePack string of 256 to 65,535 bytes has 3 of header
            completedId = library.dispatch(completes).id();
            BlobsJob overOutput = blobs(limit);
            overOutput.outputChars = (int) limit - 2;
            overOutputId = library.dispatch(overOutput).id();
            BlobsJob paused = blobs(limit);
            paused.gate = gate;
            pausedId = library.dispatch(paused).id();
            assertThat(BlobsJob.CHECKPOINTED.get(gate).tryAcquire(60, TimeUnit.SECONDS)).isTrue();
            ids.addAll(List.of(failedId, completedId, overOutputId));
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> library.job(id).orElseThrow().status().isTerminal()));
        }
        assertBlobsWithin(limit);

        try (Library library = open(limit)) {
            JobInfo failed = library.job(failedId).orElseThrow();
            assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.error().type()).isEqualTo(IllegalStateException.class.getName());
            assertThat(failed.error().message()).startsWith("attempt 3 eee");
            assertThat(failed.attemptErrors()).isNotEmpty();
            assertThat(failed.attemptErrors().get(failed.attemptErrors().size() - 1).message()).startsWith("attempt 3");
            assertWhole(failed);

            JobInfo completed = library.job(completedId).orElseThrow();
            assertThat(completed.status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(completed.outputJson()).hasSize((int) limit - 3 + 2); // the JSON string's quotes
            assertWhole(completed);

            JobInfo overOutput = library.job(overOutputId).orElseThrow();
            assertThat(overOutput.status()).isEqualTo(JobStatus.FAILED);
            assertThat(overOutput.error().type()).isEqualTo(JobDataTooLargeException.class.getName());
            assertWhole(overOutput);

            // the checkpoint at the limit resumes
            BlobsJob.GATES.get(gate).countDown();
            JobHandle<Object> resumed = library.handle(pausedId).orElseThrow();
            String result = (String) resumed.result().get(60, TimeUnit.SECONDS);
            assertThat(result).startsWith("resumed with ");
            assertThat(Long.parseLong(result.split(" ")[2])).isBetween(limit - 200, limit);
            assertWhole(library.job(pausedId).orElseThrow());
        }
        assertBlobsWithin(limit);
        // dispatch over the limit stores nothing
        try (Library library = open(limit)) {
            BlobsJob over = blobs(limit);
            over.payload = "a".repeat((int) limit);
            int before = library.history(1000).size() + library.activeJobs().size();
            assertThatThrownBy(() -> library.dispatch(over)).isInstanceOf(JobDataTooLargeException.class);
            assertThat(library.history(1000).size() + library.activeJobs().size()).isEqualTo(before);
        }
    }

    @org.junit.jupiter.api.Test
    void a_parent_whose_state_outgrew_its_limit_fails_typed_when_it_waits_for_its_children() throws Exception {
        long limit = 4 * 1024;
        try (Library library = open(limit)) {
            OutgrowingParent parent = new OutgrowingParent();
            parent.limit = limit;
            JobHandle<String> h = library.dispatch(parent);
            await().atMost(Duration.ofSeconds(60)).until(() -> library.job(h.id()).orElseThrow().status().isTerminal());
            JobInfo info = library.job(h.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.FAILED);
            assertThat(info.error().type()).isEqualTo(JobDataTooLargeException.class.getName());
            HeldChild.RELEASE.countDown();
            assertThat(library.awaitIdle(Duration.ofSeconds(60))).isTrue();
        }
        assertBlobsWithin(limit);
    }

    @org.junit.jupiter.api.Test
    void errors_stored_under_higher_limits_are_replaced_by_a_note_when_the_job_goes_on_under_lower_ones()
            throws Exception {
        String id;
        try (Library library = open(1L << 20)) {
            id = library.dispatch(new ErrorsAcrossLimits(), DispatchOptions.defaults().withMaxAttempts(3)
                    .withBackoff(Duration.ofMillis(1))).id();
            assertThat(ErrorsAcrossLimits.REPORTED.tryAcquire(60, TimeUnit.SECONDS)).isTrue();
        }
        try (Library library = open(16 * 1024)) {
            ErrorsAcrossLimits.GATE.countDown();
            assertThat(library.handle(id).orElseThrow().result().get(60, TimeUnit.SECONDS)).isEqualTo("done");
            JobInfo info = library.job(id).orElseThrow();
            assertNothingUnreadable(info);
            assertThat(info.nonCriticalErrors()).extracting(ErrorRecord::type)
                    .containsExactly(dev.stint.internal.codec.ErrorBudget.DROPPED_TYPE, "non-critical");
            assertThat(info.nonCriticalErrors().get(0).message()).startsWith("earlier errors dropped: their stored list (");
            assertThat(info.attemptErrors()).extracting(ErrorRecord::message)
                    .anySatisfy(m -> assertThat(m).startsWith("earlier errors dropped"))
                    .anySatisfy(m -> assertThat(m).isEqualTo("second attempt"));
        }
        assertBlobsWithin(16 * 1024);
    }

    private static BlobsJob blobs(long limit) {
        BlobsJob job = new BlobsJob();
        job.limit = limit;
        return job;
    }

    /** The longest payload whose arguments are stored: found from the size the refusals name. */
    private static int largestArguments(Library library, long limit) {
        int n = (int) limit;
        while (true) {
            BlobsJob probe = blobs(limit);
            probe.payload = "a".repeat(n);
            try {
                // stored to be sure it fits, but never run
                library.cancel(library.dispatch(probe, DispatchOptions.defaults().withDelay(Duration.ofDays(365))).id());
                return n;
            } catch (JobDataTooLargeException e) {
                n -= (int) Math.max(1, e.size() - e.limit());
            }
        }
    }

    /** Nothing of the job shows as unreadable, and what it reported is there. */
    private static void assertWhole(JobInfo info) {
        assertNothingUnreadable(info);
        if (info.attemptErrors().isEmpty() && info.nonCriticalErrors().isEmpty()) {
            return; // a job that ran nothing that reports
        }
        assertThat(info.progress()).as(info.id() + " progress").isNotNull();
        assertThat(info.resultsJson()).as(info.id() + " results").isNotNull();
        assertThat(info.nonCriticalErrors()).as(info.id()).isNotEmpty();
    }

    private static void assertNothingUnreadable(JobInfo info) {
        assertThat(info.error() == null ? "none" : info.error().type()).as(info.id()).isNotEqualTo("unreadable");
        List<ErrorRecord> all = new ArrayList<>(info.nonCriticalErrors());
        all.addAll(info.attemptErrors());
        assertThat(all).extracting(ErrorRecord::type).as(info.id()).doesNotContain("unreadable");
        assertThat(all).extracting(ErrorRecord::message).as(info.id()).noneMatch(m -> m.contains("cannot be decoded"));
    }

    /** Every blob in jobs.db is no larger than what the library reads back. */
    private void assertBlobsWithin(long limit) throws Exception {
        String[][] columns = {
            {"jobs", "state"}, {"jobs", "progress"}, {"jobs", "errors"}, {"jobs", "attempt_errors"},
            {"jobs", "results"}, {"job_checkpoints", "state"}, {"job_steps", "result"}, {"job_history", "output"},
            {"job_history", "error"}, {"job_history", "errors"}, {"job_history", "progress"},
            {"job_history", "attempt_errors"}, {"job_history", "results"}};
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"))) {
            for (String[] col : columns) {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT coalesce(max(length(" + col[1] + ")), 0) FROM " + col[0])) {
                    assertThat(rs.getLong(1)).as(col[0] + "." + col[1]).isLessThanOrEqualTo(limit);
                }
            }
        }
    }
}
