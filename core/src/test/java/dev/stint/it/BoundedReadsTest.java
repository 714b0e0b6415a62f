package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a large library takes memory for a page, not for the library: {@link JobQuery#after(JobInfo)} pages
 * through every job in dispatch order, completely, without overlap, even while jobs move to history.
 */
class BoundedReadsTest {
    private static final Comparator<JobInfo> DISPATCH_ORDER =
            Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void paging_through_200_000_jobs_fits_in_a_64_mib_heap() throws Exception {
        Path library = dir.resolve("lib");
        TestLibraries.builder(library).autoStart(false).open().close();
        BigLibrary.Filled filled = BigLibrary.fill(library, "test.count", 200_000, 2_000);

        try (ChildJvm child = ChildJvm.start(List.of("-Xmx64m"), PagingChild.class, dir.resolve("child.log"),
                library.toString(), "500")) {
            String line = child.awaitLine("PAGED ");
            assertThat(child.waitFor(60)).as("exit code").isZero();
            assertThat(line).isEqualTo("PAGED " + filled.total() + " " + filled.firstId() + " " + filled.lastId());
        }
    }

    @Test
    void pages_after_the_last_job_are_complete_ordered_and_disjoint_while_jobs_finish_between_them() throws Exception {
        Path library = dir.resolve("lib");
        TestLibraries.builder(library).autoStart(false).open().close();
        BigLibrary.Filled filled = BigLibrary.fill(library, "test.count", 2_500, 500);
        try (Library lib = TestLibraries.builder(library).autoStart(false).open()) {
            List<JobInfo> everything = new ArrayList<>(lib.history(10_000));
            everything.addAll(lib.activeJobs());
            everything.sort(DISPATCH_ORDER);
            assertThat(everything).hasSize(filled.total());

            JobQuery query = JobQuery.all().page(0, 128);
            List<JobInfo> seen = new ArrayList<>();
            int pages = 0;
            for (List<JobInfo> page = lib.query(query); !page.isEmpty();
                    page = lib.query(query.after(page.get(page.size() - 1)))) {
                assertThat(page.size()).isLessThanOrEqualTo(128);
                seen.addAll(page);
                if (++pages % 5 == 0) {
                    // an active job ahead of the cursor moves to history: it must still come exactly once
                    lib.query(JobQuery.all().withStatus(JobStatus.QUEUED, JobStatus.PAUSED).page(0, 1)
                            .after(page.get(page.size() - 1))).forEach(j -> lib.cancel(j.id()));
                }
            }
            assertThat(seen).extracting(JobInfo::id).doesNotHaveDuplicates()
                    .containsExactlyElementsOf(everything.stream().map(JobInfo::id).toList());
            assertThat(seen).isSortedAccordingTo(DISPATCH_ORDER);
            assertThat(seen).filteredOn(j -> j.status() == JobStatus.CANCELLED).hasSizeGreaterThan(3);
            assertThat(seen.get(0).id()).isEqualTo(filled.firstId());
            assertThat(seen.get(seen.size() - 1).id()).isEqualTo(filled.lastId());

            // with a filter, and with a page number counted from the cursor
            List<JobInfo> failed = everything.stream().filter(j -> j.status() == JobStatus.FAILED).toList();
            JobQuery failedQuery = JobQuery.all().withStatus(JobStatus.FAILED).page(0, 100);
            List<JobInfo> firstPage = lib.query(failedQuery);
            assertThat(firstPage).extracting(JobInfo::id)
                    .containsExactlyElementsOf(failed.subList(0, 100).stream().map(JobInfo::id).toList());
            assertThat(lib.query(failedQuery.after(firstPage.get(99)).page(2, 100))).extracting(JobInfo::id)
                    .containsExactlyElementsOf(failed.subList(300, 400).stream().map(JobInfo::id).toList());
        }
    }
}
