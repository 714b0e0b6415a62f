package dev.stint.internal.store;

import dev.stint.JobStatus;
import dev.stint.StopReason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of {@link JobRow} survives each read path (the claim's RETURNING, find, the active list, query,
 * the history list) while the job is active and after its move to history, and {@link JobColumns} agrees
 * with the real tables.
 */
class JobColumnsRoundTripTest {
    private static final String ID = "round-trip";
    /** Jobs inserted before the one under test, so that its seq is not a small number found elsewhere. */
    private static final int FILLERS = 20;

    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir, Durability.NORMAL, Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void every_field_round_trips_through_every_read_of_an_active_job_and_of_its_history_row() throws Exception {
        write(s -> {
            List<NewJob> fillers = new ArrayList<>();
            for (int i = 0; i < FILLERS; i++) {
                // a queue of their own: never claimed with the job under test
                fillers.add(new NewJob("filler-" + i, "filler", 1, new byte[] {0}, 1, "other", 0, null, 1,
                        1000, null, null, null, null, null));
            }
            ActiveJobs.insert(s, fillers);
            // every column the insert sets, none at its default
            ActiveJobs.insert(s, List.of(new NewJob(ID, "test.RoundTrip", 7, bytes(1), 1_000, "q1", 8,
                    2_000L, 9, 1_234, 5_678L, "key-1", "before-1", "parent-1", "tester")));
            return null;
        });
        // the columns the insert leaves at their defaults: a run with a checkpoint, steps, results, progress
        // and errors that fails into a retry, a run stopped to wait, and a third run
        List<JobRow> firstClaim = write(s -> ActiveJobs.claim(s, "q1", 10, 10_000));
        assertThat(firstClaim).extracting(JobRow::id).containsExactly(ID);
        write(s -> {
            assertThat(ActiveJobs.saveCheckpoint(s, ID, bytes(2), 10_100)).isTrue();
            for (int i = 0; i < 4; i++) {
                assertThat(ActiveJobs.completeStep(s, ID, "step-" + i, i, bytes(3), bytes(4 + i), 10_200)).isTrue();
            }
            assertThat(ActiveJobs.saveResults(s, ID, bytes(8), 10_300)).isTrue();
            ActiveJobs.saveProgress(s, ID, bytes(9));
            ActiveJobs.saveErrors(s, ID, bytes(10));
            assertThat(ActiveJobs.retry(s, ID, 12_000, bytes(11), bytes(12), bytes(13), 600, 10_400)).isTrue();
            return null;
        });
        write(s -> ActiveJobs.claim(s, "q1", 10, 12_500));
        write(s -> ActiveJobs.stopRunning(s, ID, JobStatus.QUEUED, StopReason.WAITING, null, null, null, 700, 12_600));

        List<JobRow> claimed = write(s -> ActiveJobs.claim(s, "q1", 10, 12_700));
        JobRow running = new JobRow(FILLERS + 1, ID, "test.RoundTrip", 7, JobStatus.RUNNING, bytes(1), bytes(7), 5, bytes(12),
                bytes(13), null, null, 3, StopReason.WAITING, 1_000, 10_000L, null, 12_700, "q1", 8, 12_000L, 1, 9, 1_234,
                5_678L, "key-1", "before-1", "parent-1", "tester", bytes(11), 1_300, bytes(8), 4);
        assertThat(claimed).hasSize(1);
        assertSameRow(claimed.get(0), running);
        assertSameRow(db.read(c -> JobReads.find(c, ID)).orElseThrow(), read(running));

        write(s -> ActiveJobs.stopRunning(s, ID, JobStatus.PAUSED, StopReason.PAUSE, bytes(14), bytes(15), bytes(16), 50,
                13_000));
        JobRow paused = new JobRow(FILLERS + 1, ID, "test.RoundTrip", 7, JobStatus.PAUSED, bytes(1), bytes(14), 6, bytes(15),
                bytes(16), null, null, 3, StopReason.PAUSE, 1_000, 10_000L, null, 13_000, "q1", 8, 12_000L, 1, 9, 1_234,
                5_678L, "key-1", "before-1", "parent-1", "tester", bytes(11), 1_350, bytes(8), 4);
        assertSameRow(db.read(c -> JobReads.find(c, ID)).orElseThrow(), read(paused));
        assertSameRow(only(db.read(JobReads::active).stream().filter(r -> r.id().equals(ID)).toList()), read(paused));
        assertSameRow(only(db.read(c -> JobReads.query(c, Set.of(JobStatus.PAUSED), "test.RoundTrip", "q1", "parent-1",
                1_000L, 1_001L, null, 0, 10))), read(paused));
        assertSameRow(only(db.read(c -> JobReads.query(c, Set.of(JobStatus.PAUSED), "test.RoundTrip", "q1", "parent-1",
                1_000L, 1_001L, new JobReads.Cursor(1_000, "before"), 0, 10))), read(paused));
        List<JobRow> afterIt = db.read(c -> JobReads.query(c, Set.of(JobStatus.PAUSED), null, null, null, null, null,
                new JobReads.Cursor(1_000, ID), 0, 10));
        assertThat(afterIt).isEmpty();
        assertSameRow(only(write(s -> ActiveJobs.activeWithUniqueKey(s, "key-1"))), paused);

        // the move to history: what the finish gives, what it keeps of the job, what history does not hold
        boolean moved = write(s -> History.finish(s, ID, List.of(JobStatus.PAUSED), JobStatus.CANCELLED, bytes(17), bytes(18), null,
                bytes(19), null, 25, 14_000));
        assertThat(moved).isTrue();
        JobRow finished = new JobRow(FILLERS + 1, ID, "test.RoundTrip", 7, JobStatus.CANCELLED, null, null, 6, bytes(15),
                bytes(19), bytes(17), bytes(18), 3, null, 1_000, 10_000L, 14_000L, 14_000, "q1", 8, 12_000L, 2, 9, 0,
                5_678L, "key-1", null, "parent-1", "tester", bytes(11), 1_375, bytes(8), 4);
        assertSameRow(db.read(c -> JobReads.find(c, ID)).orElseThrow(), finished);
        assertSameRow(only(db.read(c -> JobReads.history(c, 10))), finished);
        assertSameRow(only(db.read(c -> JobReads.query(c, Set.of(JobStatus.CANCELLED, JobStatus.PAUSED), "test.RoundTrip", "q1",
                "parent-1", 1_000L, 1_001L, null, 0, 10))), finished);
        List<JobRow> active = db.read(JobReads::active);
        assertThat(active).extracting(JobRow::id).doesNotContain(ID);
    }

    @Test
    void a_batch_of_completions_moves_through_the_same_columns() throws Exception {
        write(s -> {
            ActiveJobs.insert(s, List.of(new NewJob("done", "test.Done", 3, bytes(1), 500, "q2", 4, 600L,
                    5, 700, 800L, "key-2", null, "parent-2", "someone")));
            return null;
        });
        write(s -> ActiveJobs.claim(s, "q2", 1, 1_000));
        write(s -> {
            ActiveJobs.saveCheckpoint(s, "done", bytes(2), 1_100);
            ActiveJobs.completeStep(s, "done", "only", 0, null, bytes(3), 1_200);
            ActiveJobs.saveResults(s, "done", bytes(4), 1_300);
            ActiveJobs.saveErrors(s, "done", bytes(5));
            return null;
        });
        Set<String> moved = write(s -> History.finishCompleted(s, List.of(
                new History.Completed("done", bytes(6), bytes(7), null, 90, 2_000),
                new History.Completed("never-ran", bytes(6), null, null, 1, 2_000))));
        assertThat(moved).containsExactly("done");
        JobRow completed = new JobRow(1, "done", "test.Done", 3, JobStatus.COMPLETED, null, null, 2, bytes(7), bytes(5),
                bytes(6), null, 1, null, 500, 1_000L, 2_000L, 2_000, "q2", 4, 600L, 1, 5, 0, 800L, "key-2", null,
                "parent-2", "someone", null, 90, bytes(4), 1);
        assertSameRow(db.read(c -> JobReads.find(c, "done")).orElseThrow(), completed);
        assertSameRow(only(db.read(c -> JobReads.history(c, 10))), completed);
        List<JobRow> active = db.read(JobReads::active);
        assertThat(active).isEmpty();
    }

    @Test
    void the_history_columns_of_the_list_are_the_columns_of_job_history() {
        Set<String> kept = new TreeSet<>();
        Arrays.stream(JobColumns.values()).filter(JobColumns::keptInHistory).forEach(c -> kept.add(c.column()));
        Set<String> table = db.read(c -> columns(c, "job_history"));
        assertThat(table).isEqualTo(kept);
    }

    @Test
    void every_active_column_the_list_reads_directly_is_a_column_of_jobs() {
        Set<String> jobs = db.read(c -> columns(c, "jobs"));
        Pattern direct = Pattern.compile("j\\.(\\w+)");
        int seen = 0;
        for (JobColumns column : JobColumns.values()) {
            Matcher m = direct.matcher(column.active("j"));
            if (m.matches()) {
                assertThat(jobs).as(column.name()).contains(m.group(1));
                seen++;
            }
        }
        assertThat(seen).isGreaterThan(20);
    }

    @Test
    void every_read_names_each_column_once_and_in_the_order_of_the_list() {
        List<String> names = Arrays.stream(JobColumns.values()).map(JobColumns::column).toList();
        assertThat(names).doesNotHaveDuplicates().hasSize(JobRow.class.getRecordComponents().length);
        List<String> active = db.read(c -> resultColumns(c, "SELECT " + JobColumns.activeSelect("j") + " FROM jobs j"));
        List<String> activeRead = db.read(c -> resultColumns(c, "SELECT " + JobColumns.activeReadSelect("j")
                + " FROM jobs j"));
        assertThat(activeRead).isEqualTo(names);
        List<String> history = db.read(c -> resultColumns(c, "SELECT " + JobColumns.historySelect()
                + " FROM job_history h"));
        assertThat(active).isEqualTo(names);
        assertThat(history).isEqualTo(names);
    }

    private static void assertSameRow(JobRow actual, JobRow expected) {
        // field by field, by name: a mismatch names the JobRow component
        assertThat(actual).usingRecursiveComparison().isEqualTo(expected);
    }

    /** What {@link JobReads} returns of a row: without the initial state and the checkpoint, which only a run needs. */
    private static JobRow read(JobRow r) {
        return new JobRow(r.seq(), r.id(), r.name(), r.version(), r.status(), null, null, r.checkpoints(), r.progress(),
                r.errors(), r.output(), r.error(), r.runCount(), r.stopReason(), r.createdAt(), r.startedAt(),
                r.finishedAt(), r.updatedAt(), r.queue(), r.priority(), r.runAt(), r.attempts(), r.maxAttempts(),
                r.backoffMs(), r.timeoutMs(), r.uniqueKey(), r.afterId(), r.parentId(), r.initiator(), r.attemptErrors(),
                r.runMs(), r.results(), r.steps());
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static byte[] bytes(int n) {
        return new byte[] {(byte) n, (byte) (n + 100)};
    }

    private <T> T write(WriteOp<T> op) throws Exception {
        return db.writer().submit(op).get(5, TimeUnit.SECONDS);
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }

    private static List<String> resultColumns(Connection c, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql + " LIMIT 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnName(i));
            }
        }
        return names;
    }
}
