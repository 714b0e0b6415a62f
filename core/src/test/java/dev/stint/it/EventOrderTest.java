package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.UniquePolicy;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job's status events arrive in lifecycle order, starting with "queued", however fast the scheduler
 * claims it: the announcement is made on the writer thread right after the insert commits, before any claim.
 */
class EventOrderTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.RepeatedTest(5)
    void every_job_is_announced_as_queued_before_it_runs_when_dispatched_from_many_threads() throws Exception {
        Map<String, List<String>> transitions = new ConcurrentHashMap<>();
        int threads = 4;
        int perThread = 60;
        List<String> ids = new CopyOnWriteArrayList<>();
        try (Library library = TestLibraries.open(dir)) {
            library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged sc) {
                    transitions.computeIfAbsent(sc.jobId(), k -> new CopyOnWriteArrayList<>())
                            .add(sc.from() + "->" + sc.to());
                }
            });
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        switch (i % 3) {
                            case 0 -> ids.add(library.dispatch(new CountJob(3, 10, 0, null)).id());
                            case 1 -> library.dispatchAll(List.of(new CountJob(2, 10, 0, null),
                                    new CountJob(1, 10, 0, null))).forEach(h -> ids.add(h.id()));
                            default -> ids.add(library.dispatch(new CountJob(4, 10, 0, null),
                                    DispatchOptions.defaults().withUniqueKey("k" + thread + "-" + i,
                                            UniquePolicy.KEEP_EXISTING)).id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            for (String id : ids) {
                JobHandle<CountJob.Result> handle = library.handle(id, CountJob.Result.class).orElseThrow();
                handle.result().get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(ids).hasSize(threads * (perThread / 3) * 4);
        for (String id : ids) {
            assertThat(transitions.get(id)).as("status events of %s", id)
                    .containsExactly("null->QUEUED", "QUEUED->RUNNING", "RUNNING->COMPLETED");
        }
    }
}
