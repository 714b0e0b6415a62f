package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Resource;
import dev.stint.jobs.ProbeJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Run rules on a real library: resources, concurrency keys, rate limits, and how they survive a restart. */
class RunRulesTest {
    @TempDir
    Path dir;

    @Test
    void a_writer_on_a_folder_holds_back_a_reader_inside_it_and_readers_share() throws Exception {
        Path photos = dir.resolve("photos");
        try (Library library = TestLibraries.open(dir)) {
            SlowJob.prepare("writer");
            SlowJob.prepare("reader");
            JobHandle<?> writer = library.dispatch(new SlowJob("writer", 1),
                    DispatchOptions.defaults().withResources(Resource.path(photos, Resource.Mode.WRITE)));
            assertThat(SlowJob.awaitReached("writer")).isTrue();
            JobHandle<?> reader = library.dispatch(new SlowJob("reader", 1), DispatchOptions.defaults()
                    .withResources(Resource.path(photos.resolve("2024/../2024/x.jpg"), Resource.Mode.READ)));
            JobHandle<?> otherFolder = library.dispatch(new ProbeJob(0),
                    DispatchOptions.defaults().withResources(Resource.path(dir.resolve("music"), Resource.Mode.WRITE)));
            otherFolder.result().get(10, TimeUnit.SECONDS); // not in conflict: runs at once
            JobInfo waiting = library.job(reader.id()).orElseThrow();
            assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(waiting.waitingFor()).contains("held by job " + writer.id());
            assertThat(waiting.rules().resources()).containsExactly(
                    Resource.path(photos.resolve("2024/x.jpg"), Resource.Mode.READ));
            SlowJob.open("writer");
            writer.result().get(10, TimeUnit.SECONDS);
            assertThat(SlowJob.awaitReached("reader")).isTrue();
            // a second reader of the same folder shares it with the running reader
            JobHandle<?> second = library.dispatch(new ProbeJob(0),
                    DispatchOptions.defaults().withResources(Resource.path(photos, Resource.Mode.READ)));
            second.result().get(10, TimeUnit.SECONDS);
            SlowJob.open("reader");
            reader.result().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_concurrency_key_of_one_runs_its_jobs_one_after_the_other_in_dispatch_order() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(8).open()) {
            List<JobHandle<?>> handles = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                handles.add(library.dispatch(new ProbeJob(200),
                        DispatchOptions.defaults().withConcurrencyKey("account:1", 1)));
            }
            for (JobHandle<?> h : handles) {
                h.result().get(20, TimeUnit.SECONDS);
            }
            long lastEnd = 0;
            for (JobHandle<?> h : handles) {
                long[] run = ProbeJob.RUNS.get(h.id());
                assertThat(run[0]).as("job %s starts after the one before it ended", h.id()).isGreaterThan(lastEnd);
                lastEnd = run[1];
            }
        }
    }

    @Test
    void a_concurrency_limit_of_two_never_runs_three() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(8).open()) {
            DispatchOptions net = DispatchOptions.defaults().withConcurrencyKey("net", 2);
            SlowJob.prepare("net-a");
            SlowJob.prepare("net-b");
            SlowJob.prepare("net-c");
            JobHandle<?> a = library.dispatch(new SlowJob("net-a", 1), net);
            JobHandle<?> b = library.dispatch(new SlowJob("net-b", 1), net);
            JobHandle<?> c = library.dispatch(new SlowJob("net-c", 1), net);
            assertThat(SlowJob.awaitReached("net-a")).isTrue();
            assertThat(SlowJob.awaitReached("net-b")).isTrue();
            JobInfo third = library.job(c.id()).orElseThrow();
            assertThat(third.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(third.waitingFor()).isEqualTo("concurrency key net at its limit of 2");
            SlowJob.open("net-a");
            a.result().get(10, TimeUnit.SECONDS);
            assertThat(SlowJob.awaitReached("net-c")).isTrue();
            SlowJob.open("net-b");
            SlowJob.open("net-c");
            b.result().get(10, TimeUnit.SECONDS);
            c.result().get(10, TimeUnit.SECONDS);

            List<ProbeJob> many = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                many.add(new ProbeJob(1_000));
            }
            List<JobHandle<?>> handles = new ArrayList<>(library.dispatchAll(many, net));
            for (JobHandle<?> h : handles) {
                h.result().get(20, TimeUnit.SECONDS);
            }
            assertThat(maxOverlap(handles)).isBetween(1, 2);
        }
    }

    @Test
    void a_rate_limit_spaces_starts_and_a_restart_does_not_reset_its_window() throws Exception {
        DispatchOptions limited = DispatchOptions.defaults().withRateLimit("api", 2, Duration.ofSeconds(2));
        List<String> ids = new ArrayList<>();
        try (Library library = TestLibraries.open(dir)) {
            for (int i = 0; i < 2; i++) {
                ids.add(library.dispatch(new ProbeJob(0), limited).id());
            }
            for (String id : ids) {
                library.handle(id).orElseThrow().result().get(10, TimeUnit.SECONDS);
            }
        }
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<?> third = library.dispatch(new ProbeJob(0), limited);
            third.result().get(10, TimeUnit.SECONDS);
            JobInfo first = library.job(ids.get(0)).orElseThrow();
            JobInfo thirdInfo = library.job(third.id()).orElseThrow();
            assertThat(Duration.between(first.startedAt(), thirdInfo.startedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void a_queue_rate_limit_spaces_the_starts_of_the_queue_and_adds_to_a_jobs_own() throws Exception {
        try (Library library = TestLibraries.builder(dir).queue("net", 4)
                .queueRateLimit("net", 2, Duration.ofSeconds(1)).open()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withQueue("net")
                        .withRateLimit("own", 100, Duration.ofSeconds(1))).id());
            }
            String other = library.dispatch(new ProbeJob(0)).id(); // another queue: not limited
            library.handle(other).orElseThrow().result().get(10, TimeUnit.SECONDS);
            for (String id : ids) {
                library.handle(id).orElseThrow().result().get(10, TimeUnit.SECONDS);
            }
            JobInfo first = library.job(ids.get(0)).orElseThrow();
            JobInfo third = library.job(ids.get(2)).orElseThrow();
            assertThat(Duration.between(first.startedAt(), third.startedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void jobs_waiting_on_a_resource_start_after_a_restart_and_the_rules_still_hold() throws Exception {
        Path db = dir.resolve("db-file");
        List<String> ids = new ArrayList<>();
        try (Library library = TestLibraries.builder(dir).autoStart(false).open()) {
            for (int i = 0; i < 10; i++) {
                ids.add(library.dispatch(new ProbeJob(100),
                        DispatchOptions.defaults().withResources(Resource.path(db, Resource.Mode.WRITE))).id());
            }
        }
        try (Library library = TestLibraries.builder(dir).concurrency(4).open()) {
            List<JobHandle<?>> handles = new ArrayList<>();
            for (String id : ids) {
                handles.add(library.handle(id).orElseThrow());
            }
            for (JobHandle<?> h : handles) {
                h.result().get(20, TimeUnit.SECONDS);
            }
            assertThat(maxOverlap(handles)).isEqualTo(1);
        }
    }

    @Test
    void a_paused_tag_holds_jobs_dispatched_later_across_a_restart_until_resumed() throws Exception {
        String later;
        try (Library library = TestLibraries.open(dir)) {
            library.pauseQueue("default");
            String early = library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("album:42")).id();
            library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("album:7"));
            assertThat(library.pause(JobQuery.tagged("album:42"))).isEqualTo(1);
            assertThat(library.job(early).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            later = library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("album:42", "x")).id();
            assertThat(library.job(later).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            library.resumeQueue("default");
        }
        try (Library library = TestLibraries.open(dir)) {
            String afterRestart = library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("album:42")).id();
            assertThat(library.job(afterRestart).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
            assertThat(library.query(JobQuery.tagged("album:42"))).hasSize(3);
            assertThat(library.query(JobQuery.tagged("album:42").withTag("x"))).extracting(JobInfo::id)
                    .containsExactly(later);
            assertThat(library.resume(JobQuery.tagged("album:42"))).isEqualTo(3);
            library.handle(later).orElseThrow().result().get(10, TimeUnit.SECONDS);
            assertThat(library.job(later).orElseThrow().tags()).containsExactly("album:42", "x");
            String free = library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("album:42")).id();
            library.handle(free).orElseThrow().result().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void cancel_by_tag_cancels_every_active_job_with_it() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            library.pauseQueue("default");
            for (int i = 0; i < 5; i++) {
                library.dispatch(new ProbeJob(0), DispatchOptions.defaults().withTags("batch"));
            }
            String other = library.dispatch(new ProbeJob(0)).id();
            assertThat(library.cancel(JobQuery.tagged("batch"))).isEqualTo(5);
            assertThat(library.query(JobQuery.tagged("batch").withStatus(JobStatus.CANCELLED))).hasSize(5);
            assertThat(library.job(other).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        }
    }

    /** The most jobs of {@code handles} that ran at the same time, from their start and end events. */
    static int maxOverlap(List<JobHandle<?>> handles) {
        List<long[]> events = new ArrayList<>();
        for (JobHandle<?> h : handles) {
            long[] run = ProbeJob.RUNS.get(h.id());
            events.add(new long[] {run[0], 1});
            events.add(new long[] {run[1], -1});
        }
        events.sort((a, b) -> Long.compare(a[0], b[0]));
        int now = 0;
        int max = 0;
        for (long[] e : events) {
            now += (int) e[1];
            max = Math.max(max, now);
        }
        return max;
    }
}
