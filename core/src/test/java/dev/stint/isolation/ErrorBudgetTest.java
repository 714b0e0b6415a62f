package dev.stint.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ErrorRecord;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.internal.codec.ErrorBudget;
import dev.stint.jobs.ErrorSpammerJob;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that reports errors without end (1,000 of 8 KiB NUL characters, which grow as they are stored) keeps
 * bounded, readable errors: the library can always read back what it wrote, before and after a restart.
 */
class ErrorBudgetTest {
    @TempDir
    Path dir;

    private Library open(long limitBytes) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).powerSafe(false)
                .maxStateBytes(limitBytes).maxOutputBytes(limitBytes).open();
    }

    @Test
    void a_flood_of_large_non_critical_errors_is_kept_bounded_and_readable() throws Exception {
        String id;
        try (Library library = open(16L << 20)) {
            JobHandle<String> h = library.dispatch(new ErrorSpammerJob(1000, 8 * 1024));
            assertThat(h.result().get(60, TimeUnit.SECONDS)).isEqualTo("reported 1000");
            id = h.id();
            assertReadable(library.job(id).orElseThrow(), 900);
        }
        try (Library reopened = open(16L << 20)) {
            assertReadable(reopened.job(id).orElseThrow(), 900);
        }
        assertThat(storedErrorsBytes(id)).isLessThanOrEqualTo(16L << 20);
    }

    @Test
    void with_small_blob_limits_the_errors_still_fit_what_the_library_reads_back() throws Exception {
        long limit = 64 * 1024;
        try (Library library = open(limit)) {
            JobHandle<String> h = library.dispatch(new ErrorSpammerJob(200, 8 * 1024));
            h.result().get(60, TimeUnit.SECONDS);
            JobInfo info = library.job(h.id()).orElseThrow();
            assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
            List<ErrorRecord> errors = info.nonCriticalErrors();
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0).type()).isEqualTo(ErrorBudget.DROPPED_TYPE);
            assertThat(errors.get(errors.size() - 1).message()).startsWith("199:");
            assertThat(storedErrorsBytes(h.id())).isLessThanOrEqualTo(limit);
        }
    }

    private static void assertReadable(JobInfo info, long dropped) {
        assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
        List<ErrorRecord> errors = info.nonCriticalErrors();
        assertThat(errors).hasSize(ErrorBudget.MAX_ERRORS + 1);
        assertThat(errors.get(0).type()).isEqualTo(ErrorBudget.DROPPED_TYPE);
        assertThat(errors.get(0).message()).startsWith(dropped + " earlier error(s) dropped");
        assertThat(errors.get(1).message()).startsWith("900:");
        assertThat(errors.get(errors.size() - 1).message()).startsWith("999:")
                .hasSizeLessThanOrEqualTo(ErrorBudget.MAX_MESSAGE_CHARS + 100);
    }

    private long storedErrorsBytes(String id) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT length(errors) FROM job_history WHERE id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
