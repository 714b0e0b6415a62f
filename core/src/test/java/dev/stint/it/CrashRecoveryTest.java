package dev.stint.it;

import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.LibraryLockedException;
import dev.stint.jobs.CountJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Kills a real child JVM ({@code destroyForcibly}, SIGKILL) while it runs a checkpointing job, then
 * reopens the same {@code jobs.db} in this JVM and checks the promise: the job completes, resumes from
 * the last committed checkpoint, no item before that checkpoint is processed twice, and it appears
 * exactly once in history.
 */
class CrashRecoveryTest {
    private static final long TO = 3000;
    private static final long EVERY = 25;
    private static final long SLEEP_MICROS = 300;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "kill after at least {0} processed items")
    @ValueSource(ints = {3, 60, 400, 1200, -1})
    void job_killed_mid_run_resumes_from_its_last_committed_checkpoint(int killAfter) throws Exception {
        int threshold = killAfter >= 0 ? killAfter : 10 + new Random().nextInt(2000);
        Path library = dir.resolve("lib");
        Path side = dir.resolve("side.txt");
        String id;
        try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve("child.log"), library.toString(),
                side.toString(), String.valueOf(TO), String.valueOf(EVERY), String.valueOf(SLEEP_MICROS))) {
            id = child.awaitLine("READY ").substring(6);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> lines(side).size() >= threshold);
            child.kill();
        }
        long committed = committedCount(library, id);
        assertThat(committed % EVERY).isZero();
        assertThat(committed).isLessThanOrEqualTo(lines(side).size());

        try (Library reopened = TestLibraries.open(library)) {
            JobHandle<CountJob.Result> handle = reopened.handle(id, CountJob.Result.class).orElseThrow();
            CountJob.Result result = handle.result().get(60, TimeUnit.SECONDS);
            assertThat(result.sum()).isEqualTo(TO * (TO + 1) / 2);
            assertThat(result.resumedFrom()).isEqualTo(committed);
            assertThat(reopened.activeJobs()).isEmpty();
            assertThat(reopened.history(100)).filteredOn(i -> i.id().equals(id)).singleElement()
                    .satisfies(i -> {
                        assertThat(i.status()).isEqualTo(JobStatus.COMPLETED);
                        assertThat(i.runCount()).isEqualTo(2);
                    });
        }
        Map<Long, Integer> seen = counts(lines(side));
        for (long n = 1; n <= TO; n++) {
            int times = seen.getOrDefault(n, 0);
            if (n <= committed) {
                assertThat(times).as("item %d (before the checkpoint at %d) processed once", n, committed).isEqualTo(1);
            } else {
                assertThat(times).as("item %d processed at least once", n).isBetween(1, 2);
            }
        }
    }

    @Test
    void job_survives_two_kills_in_a_row() throws Exception {
        Path library = dir.resolve("lib");
        Path side = dir.resolve("side.txt");
        String id = null;
        long previous = -1;
        for (int round = 0; round < 2; round++) {
            int threshold = lines(side).size() + 150;
            try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve("child" + round + ".log"),
                    library.toString(), side.toString(), String.valueOf(TO), String.valueOf(EVERY),
                    String.valueOf(SLEEP_MICROS))) {
                String started = child.awaitLine("READY ").substring(6);
                if (id != null) {
                    assertThat(started).isEqualTo(id);
                }
                id = started;
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                        .until(() -> lines(side).size() >= threshold);
                child.kill();
            }
            long committed = committedCount(library, id);
            assertThat(committed).isGreaterThanOrEqualTo(previous);
            previous = committed;
        }
        try (Library reopened = TestLibraries.open(library)) {
            CountJob.Result result = reopened.handle(id, CountJob.Result.class).orElseThrow().result()
                    .get(60, TimeUnit.SECONDS);
            assertThat(result.resumedFrom()).isEqualTo(previous);
            assertThat(result.sum()).isEqualTo(TO * (TO + 1) / 2);
            List<JobInfo> history = reopened.history(10);
            assertThat(history).singleElement().extracting(JobInfo::runCount).isEqualTo(3);
        }
        Map<Long, Integer> seen = counts(lines(side));
        for (long n = 1; n <= previous; n++) {
            assertThat(seen.get(n)).as("item %d", n).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void a_second_process_cannot_open_a_library_that_is_open() throws Exception {
        Path library = dir.resolve("lib");
        try (ChildJvm child = ChildJvm.start(CrashChild.class, dir.resolve("child.log"), library.toString(),
                dir.resolve("side.txt").toString(), "1000000", "1000", "1000")) {
            child.awaitLine("READY ");
            assertThatThrownBy(() -> TestLibraries.open(library))
                    .isInstanceOf(LibraryLockedException.class)
                    .hasMessageContaining("already open")
                    .hasMessageContaining("process " + child.process.pid());
            // killed only once the job runs (it writes its side file then), so it is recovered as crashed
            await().atMost(Duration.ofSeconds(30)).until(() -> !lines(dir.resolve("side.txt")).isEmpty());
            child.kill();
        }
        // the OS released the lock with the process: the library opens, and the job is recovered
        try (Library reopened = TestLibraries.builder(library).autoStart(false).open()) {
            assertThat(reopened.activeJobs()).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(JobStatus.QUEUED);
                assertThat(i.stopReason()).isEqualTo(StopReason.CRASH);
            });
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(file);
        // the last line may be torn by the kill
        return all.isEmpty() || Files.readString(file).endsWith("\n") ? all : all.subList(0, all.size() - 1);
    }

    private static Map<Long, Integer> counts(List<String> lines) {
        Map<Long, Integer> seen = new HashMap<>();
        for (String line : lines) {
            seen.merge(Long.parseLong(line.trim()), 1, Integer::sum);
        }
        return seen;
    }

    /** Reads the job's latest committed checkpoint straight from jobs.db (0 when there is none). */
    private static long committedCount(Path library, String id) throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"));
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT state FROM job_checkpoints WHERE job_id = '" + id + "'")) {
            if (!rs.next()) {
                return 0;
            }
            return new ObjectMapper(new MessagePackFactory()).readTree(rs.getBytes(1)).get("count").asLong();
        }
    }
}
