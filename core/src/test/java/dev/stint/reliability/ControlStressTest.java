package dev.stint.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stint.IllegalJobTransitionException;
import dev.stint.JobCancelledException;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Subscription;
import dev.stint.jobs.CountJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads released by one start gate fire thousands of dispatch, pause, resume, cancel, subscribe and
 * unsubscribe calls at running jobs. No call may hang (every wait is bounded and fails the test), and at the
 * end every job is in exactly one terminal state, its result and every all-jobs listener agree with the
 * store, and nothing queued is left behind (no lost wake-up).
 */
class ControlStressTest {
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 400;

    @TempDir
    Path dir;

    @Test
    void concurrent_controls_leave_every_job_in_one_consistent_final_state() throws Exception {
        stress(false);
    }

    @Test
    void every_listener_last_event_is_the_stored_final_status() throws Exception {
        stress(true);
    }

    private void stress(boolean lastEventMustMatch) throws Exception {
        long seed = Long.getLong("stint.seed", System.nanoTime());
        List<Map<String, List<JobStatus>>> listenerViews = List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        Map<String, JobHandle<CountJob.Result>> handles = new ConcurrentHashMap<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        try (Library library = Libraries.builder(dir).concurrency(6).open()) {
            for (Map<String, List<JobStatus>> view : listenerViews) {
                library.subscribe(e -> {
                    if (e instanceof JobEvent.StatusChanged sc) {
                        view.computeIfAbsent(sc.jobId(), k -> new CopyOnWriteArrayList<>()).add(sc.to());
                    }
                });
            }
            CountDownLatch gate = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(seed + t);
                workers.add(pool.submit(() -> {
                    gate.await();
                    List<Subscription> subscriptions = new ArrayList<>();
                    for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        act(library, random, ids, handles, subscriptions);
                    }
                    subscriptions.forEach(Subscription::close);
                    return null;
                }));
            }
            gate.countDown();
            for (Future<?> worker : workers) {
                try {
                    worker.get(45, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("seed " + seed + ": a control call hung (deadlock?)", e);
                } catch (ExecutionException e) {
                    throw new AssertionError("seed " + seed + ": a control call failed untyped", e.getCause());
                }
            }
            pool.shutdownNow();

            // a pause asked of a running job takes effect at its next check: let every run end first, or a job
            // still stopping would turn paused after the loop below looked at it
            assertThat(library.awaitIdle(Duration.ofSeconds(45))).as("seed %d: idle after the calls", seed).isTrue();
            for (JobInfo info : library.activeJobs()) {
                if (info.status() == JobStatus.PAUSED) {
                    library.resume(info.id());
                }
            }
            assertThat(library.awaitIdle(Duration.ofSeconds(45))).as("seed %d: idle, nothing left queued", seed).isTrue();
            assertThat(library.activeJobs()).as("seed %d", seed).isEmpty();

            List<JobInfo> history = Libraries.all(library);
            Set<String> seen = new HashSet<>();
            for (JobInfo info : history) {
                assertThat(seen.add(info.id())).as("seed %d: %s stored once", seed, info.id()).isTrue();
            }
            assertThat(seen).as("seed %d: every dispatched job is stored", seed).containsExactlyInAnyOrderElementsOf(ids);
            for (JobInfo info : history) {
                assertThat(info.status()).as("seed %d: %s", seed, info.id())
                        .isIn(JobStatus.COMPLETED, JobStatus.CANCELLED);
                CompletableFuture<CountJob.Result> result = handles.get(info.id()).result();
                if (info.status() == JobStatus.COMPLETED) {
                    long to = result.get(10, TimeUnit.SECONDS).sum();
                    assertThat(to).as("seed %d: %s sum", seed, info.id()).isPositive();
                } else {
                    assertThat(result).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                            .withCauseInstanceOf(JobCancelledException.class);
                }
            }
            for (Map<String, List<JobStatus>> view : listenerViews) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    for (JobInfo info : history) {
                        List<JobStatus> events = view.getOrDefault(info.id(), List.of());
                        assertThat(events).as("seed %d: events of %s", seed, info.id()).contains(info.status())
                                .filteredOn(JobStatus::isTerminal).containsExactly(info.status());
                        if (lastEventMustMatch) {
                            assertThat(events).as("seed %d: events of %s", seed, info.id()).last()
                                    .isEqualTo(info.status());
                        }
                    }
                });
            }
        }
    }

    /** One random call; only the typed errors a racing control may meet are tolerated. */
    private static void act(Library library, Random random, List<String> ids,
            Map<String, JobHandle<CountJob.Result>> handles, List<Subscription> subscriptions) {
        int op = random.nextInt(10);
        if (op < 3 || ids.isEmpty()) {
            JobHandle<CountJob.Result> handle = library.dispatch(new CountJob(20 + random.nextInt(200), 25, 50, null));
            handles.put(handle.id(), handle);
            ids.add(handle.id());
            return;
        }
        String id = ids.get(random.nextInt(ids.size()));
        try {
            switch (op) {
                case 3, 4 -> library.pause(id);
                case 5, 6 -> library.resume(id);
                case 7 -> library.cancel(id);
                case 8 -> subscriptions.add(handles.get(id).subscribe(e -> { }));
                default -> {
                    if (!subscriptions.isEmpty()) {
                        subscriptions.remove(random.nextInt(subscriptions.size())).close();
                    }
                }
            }
        } catch (IllegalJobTransitionException finishedMeanwhile) {
            assertThat(finishedMeanwhile.getMessage()).contains(id);
        }
    }
}
