package dev.stint.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.UniquePolicy;
import dev.stint.torture.check.ControlRecord;
import dev.stint.torture.check.InvariantChecker;
import dev.stint.torture.check.Violation;
import dev.stint.torture.jobs.CountJob;
import dev.stint.torture.jobs.SideLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checker can fail: a clean library passes, and forged evidence of a lost, phantom or redone job is
 * reported as the matching violation.
 */
class InvariantCheckerTest {
    @TempDir
    Path dir;

    private Path library;
    private Path side;
    private Path dispatchLog;

    @BeforeEach
    void setUp() throws Exception {
        library = dir.resolve("library");
        side = Files.createDirectories(dir.resolve("side"));
        dispatchLog = dir.resolve("dispatch.log");
        System.setProperty(SideLog.SIDE_DIR_PROPERTY, side.toString());
        System.setProperty(SideLog.ROUND_PROPERTY, "1");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(SideLog.SIDE_DIR_PROPERTY);
        System.clearProperty(SideLog.ROUND_PROPERTY);
    }

    @Test
    void a_clean_run_passes_and_forged_evidence_is_caught() throws Exception {
        String id;
        try (Library lib = Library.builder(library).open()) {
            log("I r1-0 count to=20,every=5,sleep=0");
            id = lib.dispatch(new CountJob(20, 5, 0, 0), DispatchOptions.defaults().withInitiator("r1-0")).id();
            log("A r1-0 " + id);
            lib.handle(id).orElseThrow().result().get(30, TimeUnit.SECONDS);
            assertThat(lib.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(checker().atEnd()).isEmpty();

        // item 3 processed again in a later round, after checkpoints up to 20 were committed
        Files.writeString(SideLog.fileOf(side, id), "2 I 3\n", StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        assertThat(checker().atEnd()).extracting(Violation::invariant).containsExactly("committed item processed again");
    }

    @Test
    void a_lost_acknowledged_job_and_a_job_nobody_dispatched_are_caught() throws Exception {
        try (Library lib = Library.builder(library).open()) {
            lib.dispatch(new CountJob(3, 1, 0, 0), DispatchOptions.defaults().withInitiator("stranger"))
                    .result().get(30, TimeUnit.SECONDS);
            assertThat(lib.awaitIdle(Duration.ofSeconds(10))).isTrue();
        }
        log("I r1-0 count to=20,every=5,sleep=0");
        log("A r1-0 0190-not-stored");
        assertThat(checker().atEnd()).extracting(Violation::invariant).containsExactlyInAnyOrder(
                "job stored that nobody dispatched", "acknowledged job lost", "acknowledged ids differ from stored ids");
    }

    @Test
    void a_unique_job_replaced_by_a_later_dispatch_may_be_cancelled_but_no_other_job_may() throws Exception {
        String replaced;
        String unrelated;
        try (Library lib = Library.builder(library).open()) {
            CountDownLatch started = new CountDownLatch(1);
            lib.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged sc && sc.to() == JobStatus.RUNNING) {
                    started.countDown();
                }
            });
            log("I r1-0 unique to=100000,every=1,sleep=1000,key=u1,policy=KEEP_EXISTING");
            replaced = lib.dispatch(new CountJob(100_000, 1, 1000, 0), DispatchOptions.defaults().withInitiator("r1-0")
                    .withUniqueKey("u1", UniquePolicy.KEEP_EXISTING)).id();
            log("A r1-0 " + replaced);
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            // replacing a running job: it gives its key up at once (so the replacement can take it) and stops
            log("I r1-1 unique to=5,every=1,sleep=0,key=u1,policy=REPLACE");
            String replacement = lib.dispatch(new CountJob(5, 1, 0, 0), DispatchOptions.defaults().withInitiator("r1-1")
                    .withUniqueKey("u1", UniquePolicy.REPLACE)).id();
            log("A r1-1 " + replacement);
            // long enough that the cancel below always finds it queued or running (a 5-item job could finish first)
            log("I r1-2 count to=100000,every=1,sleep=1000");
            unrelated = lib.dispatch(new CountJob(100_000, 1, 1000, 0), DispatchOptions.defaults().withInitiator("r1-2"))
                    .id();
            log("A r1-2 " + unrelated);
            lib.cancel(unrelated); // not asked by the driver
            lib.handle(replacement).orElseThrow().result().get(30, TimeUnit.SECONDS);
            assertThat(lib.awaitIdle(Duration.ofSeconds(30))).isTrue();
            JobInfo gone = lib.job(replaced).orElseThrow();
            assertThat(gone.status()).isEqualTo(JobStatus.CANCELLED);
            // its history row has no key: only its own dispatch says it was a unique job
            assertThat(gone.uniqueKey()).isNull();
        }
        assertThat(checker().atEnd()).extracting(Violation::detail).containsExactly(unrelated + " torture.count");
    }

    @Test
    void a_confirmed_queue_pause_or_resume_must_be_in_the_file_and_one_in_flight_may_go_either_way() throws Exception {
        try (Library lib = Library.builder(library).open()) {
            lib.pauseQueue(ControlRecord.QUEUE);
        }
        ControlRecord record = new ControlRecord();
        InvariantChecker checker = new InvariantChecker(library, side, dispatchLog, record);

        record.queueCommandSent(true);
        record.queueCommandConfirmed(true);
        assertThat(checker.afterKill(1)).isEmpty();

        record.queueCommandSent(false); // killed before the answer: either state is fine, the file settles it
        assertThat(checker.afterKill(2)).isEmpty();
        assertThat(record.expectedQueuePaused()).isTrue();

        record.queueCommandSent(false);
        record.queueCommandConfirmed(false); // the worker said the resume was done, but the file says paused
        assertThat(checker.afterKill(3)).extracting(Violation::invariant)
                .containsExactly("a confirmed queue resume was lost");
        // at the end the drain has resumed every queue: a queue still paused then is a violation too
        assertThat(checker.atEnd()).extracting(Violation::invariant)
                .containsExactly("a confirmed queue resume was lost");
    }

    private InvariantChecker checker() {
        return new InvariantChecker(library, side, dispatchLog, new ControlRecord());
    }

    private void log(String line) throws Exception {
        Files.writeString(dispatchLog, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
