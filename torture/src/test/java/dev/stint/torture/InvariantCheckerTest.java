package dev.stint.torture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.Library;
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

    private InvariantChecker checker() {
        return new InvariantChecker(library, side, dispatchLog, new ControlRecord());
    }

    private void log(String line) throws Exception {
        Files.writeString(dispatchLog, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
