package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.internal.store.CommitThread;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.DeepCheckpointJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The stress test: 50 jobs each recurse to a random depth near their stack's limit and checkpoint
 * there, while 50 ordinary jobs run beside them, in a random order. Every ordinary job completes, every
 * deep one completes or fails with a typed error, the writer is never left failed (a commit after the storm
 * works), no row is left {@code running}, and {@code jobs.db} passes {@code PRAGMA integrity_check}. Both
 * ways of running a waiting caller's commit are tried (the internal switch {@link CommitThread}); the seed is
 * fixed (the next one for each further round) and printed in every assertion's message.
 */
class DeepStackStressTest {
    private static final long SEED = 0x5717_14L;
    /** Storms per mode, each with the next seed: the environment's {@code STINT_ISOLATION_ROUNDS} (default 1). */
    private static final int ROUNDS = Integer.parseInt(System.getenv().getOrDefault("STINT_ISOLATION_ROUNDS", "1"));
    private static final int DEEP = 50;
    private static final int NORMAL = 50;
    /**
     * Frames short of the stack's limit at which a deep job checkpoints, from none at all up to this: within about
     * 15% of the limit (some 39,000 frames of the job's recursion here). Where a job's checkpoint no longer fits
     * depends on the JIT (compiled frames are smaller than interpreted ones, and the probe and the descent may not
     * run at the same tier; measured here, a checkpoint needed some 1,800 to 3,600 frames): over this range some
     * deep jobs fail before their checkpoint, some in it, and some checkpoint and complete. Where the JIT makes the
     * descent's frames larger than the probe's, even 12,000 frames were not enough for any of them (a round of the
     * 20-round proof run): a few deep jobs per storm checkpoint at a fixed, modest depth
     * ({@value #SAFE_DEPTH} frames), so every storm has deep checkpoints that commit.
     */
    private static final int MAX_MARGIN = 6000;
    /**
     * Deep jobs of each storm that recurse only this many frames before they checkpoint, however the JIT sizes
     * frames: their checkpoints always commit in the middle of the storm.
     */
    private static final int SAFE_DEPTH = 500;
    private static final int SAFE_JOBS = 5;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CommitThread.class)
    void fifty_deep_checkpoints_beside_fifty_normal_jobs_leave_the_writer_and_the_file_healthy(CommitThread mode)
            throws Exception {
        String previous = System.getProperty(CommitThread.PROPERTY);
        System.setProperty(CommitThread.PROPERTY, mode.name());
        try {
            for (int round = 0; round < ROUNDS; round++) {
                storm(mode, dir.resolve(mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + round), SEED + round);
            }
        } finally {
            if (previous == null) {
                System.clearProperty(CommitThread.PROPERTY);
            } else {
                System.setProperty(CommitThread.PROPERTY, previous);
            }
        }
    }

    private static void storm(CommitThread mode, Path library, long seedValue) throws Exception {
        Files.createDirectories(library);
        Random random = new Random(seedValue);
        List<Integer> margins = new ArrayList<>();
        List<Boolean> order = new ArrayList<>();
        for (int i = 0; i < DEEP; i++) {
            margins.add(i < SAFE_JOBS ? -1 : random.nextInt(MAX_MARGIN));
            order.add(true);
        }
        for (int i = 0; i < NORMAL; i++) {
            order.add(false);
        }
        Collections.shuffle(order, random);
        String seed = "seed " + seedValue + ", commits on the " + mode + " thread, margins " + margins;

        List<JobHandle<String>> deep = new ArrayList<>();
        List<JobHandle<CountJob.Result>> normal = new ArrayList<>();
        try (Library lib = Library.builder(library).catalog(TestCatalog.all()).useServiceLoader(false)
                .concurrency(8).powerSafe(false).open()) {
            int nextMargin = 0;
            for (boolean isDeep : order) {
                if (isDeep) {
                    int margin = margins.get(nextMargin++);
                    deep.add(lib.dispatch(margin < 0 ? DeepCheckpointJob.atDepth(SAFE_DEPTH)
                            : new DeepCheckpointJob(margin)));
                } else {
                    normal.add(lib.dispatch(new CountJob(10, 5, 0, null)));
                }
            }
            assertThat(lib.awaitIdle(Duration.ofSeconds(60))).as(seed).isTrue();
            for (JobHandle<CountJob.Result> h : normal) {
                assertThat(h.result().get(10, TimeUnit.SECONDS)).as(seed + ": normal job " + h.id()).isNotNull();
                assertThat(lib.job(h.id()).orElseThrow().status()).as(seed).isEqualTo(JobStatus.COMPLETED);
            }
            int completed = 0;
            for (JobHandle<String> h : deep) {
                JobInfo info = lib.job(h.id()).orElseThrow();
                assertThat(info.status()).as(seed + ": deep job " + h.id())
                        .isIn(JobStatus.COMPLETED, JobStatus.FAILED);
                if (info.status() == JobStatus.FAILED) {
                    assertThat(info.error()).as(seed + ": deep job " + h.id() + " failed without an error record")
                            .isNotNull();
                    assertThat(info.error().type()).as(seed + ": deep job " + h.id()).isNotBlank();
                } else {
                    completed++;
                }
            }
            // deep jobs' checkpoints committed in the middle of the storm: it really reached the writer
            assertThat(completed).as(seed + ": deep jobs that checkpointed and completed")
                    .isGreaterThanOrEqualTo(SAFE_JOBS);
            // the writer is healthy: a commit after the storm works, a job runs and checkpoints
            assertThat(lib.dispatch(new CountJob(3, 1, 0, null)).result().get(10, TimeUnit.SECONDS))
                    .as(seed + ": a job after the storm").isNotNull();
            assertThat(lib.query(JobQuery.all().withStatus(JobStatus.RUNNING))).as(seed).isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"))) {
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT count(*) FROM jobs WHERE status = 'running'")) {
                rs.next();
                assertThat(rs.getInt(1)).as(seed + ": rows left running").isZero();
            }
            try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).as(seed).isEqualTo("ok");
            }
        }
    }
}
