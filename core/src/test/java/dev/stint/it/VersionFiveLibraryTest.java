package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobEvent;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Progress;
import dev.stint.internal.store.Schema;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.StepsJob;
import dev.stint.jobs.TreeJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A populated library as schema version 5 left it (AUTOINCREMENT on {@code jobs.seq}, an index on active names,
 * none of version 6's columns and indexes) with every kind of job in it: queued, left running by a crash with
 * steps and a checkpoint, paused, a parent waiting for its children, and history. Opened by this code, it is
 * migrated in place to the latest version, and every job runs to completion from where it was.
 */
class VersionFiveLibraryTest {
    @TempDir
    Path dir;

    @Test
    void a_populated_version_5_library_migrates_and_every_job_finishes_from_where_it_was() throws Exception {
        Path stepsSide = dir.resolve("steps.txt");
        Path countSide = dir.resolve("count.txt");
        String finishedId;
        String stepsId;
        String countId;
        String pausedId;
        String parentId;
        List<String> queuedIds = new ArrayList<>();
        try (Library library = TestLibraries.builder(dir).concurrency(8).open()) {
            finishedId = library.dispatch(new CountJob(5, 0, 0, null)).id();
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            // progress events say when a job has got far enough (latest value wins, so ">=")
            Map<String, Long> wanted = new ConcurrentHashMap<>();
            Map<String, CountDownLatch> reached = new ConcurrentHashMap<>();
            library.subscribe(event -> {
                if (event instanceof JobEvent.ProgressUpdated p && p.progress() instanceof Progress.Count c
                        && wanted.containsKey(p.jobId()) && c.done() >= wanted.get(p.jobId())) {
                    reached.get(p.jobId()).countDown();
                }
            });
            stepsId = library.dispatch(new StepsJob(5, 150_000, stepsSide.toString())).id();
            countId = library.dispatch(new CountJob(20_000, 10, 200, countSide.toString())).id();
            parentId = library.dispatch(new TreeJob(3, 3_000, 1_000, false, true)).id();
            // two steps of the steps job and a few checkpoints of the counting job are committed
            for (Map.Entry<String, Long> goal : Map.of(stepsId, 2L, countId, 30L).entrySet()) {
                reached.put(goal.getKey(), new CountDownLatch(1));
                wanted.put(goal.getKey(), goal.getValue());
            }
            for (CountDownLatch latch : reached.values()) {
                assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
            }
            library.pauseQueue("default"); // what is dispatched now stays queued; close stops what runs
            for (int i = 0; i < 3; i++) {
                queuedIds.add(library.dispatch(new CountJob(10 + i, 5, 0, null)).id());
            }
            pausedId = library.dispatch(new CountJob(7, 0, 0, null)).id();
            library.pause(pausedId);
        }
        OlderSchema.toVersionSeven(dir);
        // a crash, not a close, ended the steps job: its row still says running (with its steps and checkpoint)
        RawDb.update(dir, "UPDATE jobs SET status = 'running', stop_reason = NULL WHERE id = ?", stepsId);
        RawDb.update(dir, "DELETE FROM queues"); // the queue as the v5 app left it: running
        makeVersionFive();
        assertThat(tableSql()).contains("AUTOINCREMENT");
        assertThat(indexes()).contains("jobs_by_name").doesNotContain("jobs_by_created");
        long committedSteps = number("SELECT count(*) FROM job_steps WHERE job_id = '" + stepsId + "'");
        assertThat(committedSteps).isBetween(2L, 4L);
        assertThat(number("SELECT count(*) FROM jobs WHERE parent_id = '" + parentId + "'")).isEqualTo(3);

        try (Library library = TestLibraries.builder(dir).concurrency(8).open()) {
            assertThat(library.job(pausedId).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            library.resume(pausedId);
            for (String id : List.of(stepsId, countId, parentId, pausedId)) {
                library.handle(id).orElseThrow().result().get(60, TimeUnit.SECONDS);
            }
            for (String id : queuedIds) {
                library.handle(id).orElseThrow().result().get(30, TimeUnit.SECONDS);
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();
            for (String id : List.of(finishedId, stepsId, countId, parentId, pausedId)) {
                assertThat(library.job(id).orElseThrow().status()).as(id).isEqualTo(JobStatus.COMPLETED);
            }
            // every step ran, and the ones committed before the crash ran once: they were not run again
            List<String> ran = Files.readAllLines(stepsSide);
            assertThat(ran).contains("s1", "s2", "s3", "s4", "s5");
            for (int i = 1; i <= committedSteps; i++) {
                assertThat(ran.stream().filter(("s" + i)::equals)).as("s" + i).hasSize(1);
            }
            CountJob.Result counted = library.handle(countId, CountJob.Result.class).orElseThrow().result().get();
            assertThat(counted.resumedFrom()).isPositive();
            assertThat(counted.sum()).isEqualTo(20_000L * 20_001L / 2);
            assertThat((List<?>) library.handle(parentId).orElseThrow().result().get()).hasSize(3);
            // a job dispatched now is numbered after every job the file ever had
            long highestBefore = number("SELECT max(seq) FROM job_history");
            String fresh = library.dispatch(new CountJob(1, 0, 0, null)).id();
            library.handle(fresh).orElseThrow().result().get(10, TimeUnit.SECONDS);
            assertThat(number("SELECT seq FROM job_history WHERE id = '" + fresh + "'")).isGreaterThan(highestBefore);
        }
        assertThat(number("PRAGMA user_version")).isEqualTo(Schema.LATEST);
        assertThat(tableSql()).doesNotContain("AUTOINCREMENT");
        assertThat(indexes()).contains("jobs_by_created").doesNotContain("jobs_by_name");
    }

    /** Turns the closed library back into the shape schema version 5 gave it. */
    private void makeVersionFive() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP INDEX jobs_by_created");
            st.execute("DROP INDEX job_history_by_created");
            st.execute("DROP INDEX job_history_failed");
            st.execute("ALTER TABLE jobs DROP COLUMN log_lines");
            st.execute("CREATE INDEX jobs_by_name ON jobs (name)");
            int cookie;
            try (ResultSet rs = st.executeQuery("PRAGMA schema_version")) {
                cookie = rs.getInt(1);
            }
            st.execute("PRAGMA writable_schema = ON");
            st.execute("UPDATE sqlite_schema SET sql = replace(sql, 'INTEGER PRIMARY KEY,', 'INTEGER PRIMARY KEY AUTOINCREMENT,')"
                    + " WHERE type = 'table' AND name = 'jobs'");
            st.execute("PRAGMA schema_version = " + (cookie + 1));
            st.execute("PRAGMA writable_schema = OFF");
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // AUTOINCREMENT's record of the highest seq ever given: above every row, as after pruned jobs
            st.execute("DELETE FROM sqlite_sequence WHERE name = 'jobs'");
            st.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('jobs', 100000)");
            st.execute("PRAGMA user_version = 5");
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
        }
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
    }

    private long number(String sql) throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    private String tableSql() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sql FROM sqlite_schema WHERE type = 'table'"
                        + " AND name IN ('jobs', 'job_rows')")) {
            return rs.getString(1);
        }
    }

    private List<String> indexes() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'index'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
