package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.GroupProgress;
import dev.stint.JobQuery;
import dev.stint.Library;
import dev.stint.ProgressGroup;
import dev.stint.jobs.CountJob;
import dev.stint.jobs.FailingJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Library#progress(JobQuery)}: one weighted, live progress for a group of jobs, joined by later jobs. */
class ProgressGroupTest {
    @TempDir
    Path dir;

    @Test
    void a_group_counts_its_jobs_by_weight_takes_in_later_jobs_and_ends_done() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            library.pauseQueue("default");
            DispatchOptions album = DispatchOptions.defaults().withTags("album:42");
            library.dispatch(new CountJob(50, 5, 0, null), album);
            library.dispatch(new CountJob(50, 5, 0, null), album.withWeight(3));
            library.dispatch(new CountJob(10, 5, 0, null)); // not in the group
            try (ProgressGroup group = library.progress(JobQuery.tagged("album:42"))) {
                GroupProgress before = group.current();
                assertThat(before.jobs()).isEqualTo(2);
                assertThat(before.totalWeight()).isEqualTo(4.0);
                assertThat(before.fraction()).isEqualTo(0.0);
                List<GroupProgress> seen = new CopyOnWriteArrayList<>();
                CountDownLatch done = new CountDownLatch(1);
                group.subscribe(p -> {
                    seen.add(p);
                    if (p.isDone()) {
                        done.countDown();
                    }
                });
                library.dispatch(new FailingJob(), album); // joins while the group is open
                library.resumeQueue("default");
                assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
                GroupProgress end = seen.get(seen.size() - 1);
                assertThat(end.jobs()).isEqualTo(3);
                assertThat(end.finished()).isEqualTo(3);
                assertThat(end.failed()).isEqualTo(1);
                assertThat(end.fraction()).isEqualTo(1.0);
                assertThat(group.current()).isEqualTo(end);
            }
        }
    }

    @Test
    void a_running_job_moves_the_group_by_its_share() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            SlowJob.prepare("half");
            DispatchOptions batch = DispatchOptions.defaults().withTags("batch");
            library.dispatch(new SlowJob("half", 2), batch);
            assertThat(SlowJob.awaitReached("half")).isTrue();
            library.pauseQueue("default");
            library.dispatch(new CountJob(10, 5, 0, null), batch);
            try (ProgressGroup group = library.progress(JobQuery.tagged("batch"))) {
                CountDownLatch half = new CountDownLatch(1);
                group.subscribe(p -> {
                    if (p.fraction() >= 0.25) {
                        half.countDown();
                    }
                });
                SlowJob.open("half"); // step 1 of 2 reported: the slow job is half done, a quarter of the group
                assertThat(half.await(10, TimeUnit.SECONDS)).isTrue();
                assertThat(group.current().fraction()).isBetween(0.25, 0.5);
            }
        }
    }
}
