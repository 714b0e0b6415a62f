package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Resource;
import dev.stint.jobs.ProbeJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10,000 random jobs with random resources (nested folders and keys, read and write), concurrency keys,
 * rate limits and priorities, on more workers than any limit. From the jobs' start and end events: no two
 * conflicting jobs overlapped, no key ran more than its limit, no rate window held more starts than its limit,
 * every job finished, and a writer was overtaken by few readers dispatched after it.
 */
class RunRulesPropertyTest {
    private static final int JOBS = Integer.getInteger("stint.rules.jobs", 10_000);
    private static final String[] FOLDERS = {"a", "a/b", "a/b/c", "a/b/d", "e", "e/f", "g"};
    private static final String[] KEYS = {"k0", "k1", "k2"};
    private static final Map<String, Integer> LIMITS = Map.of("c0", 1, "c1", 2, "c2", 3);
    private static final int RATE_STARTS = 10;
    private static final Duration RATE_PERIOD = Duration.ofMillis(20);

    @TempDir
    Path dir;

    private record Spec(List<Resource> resources, String key, boolean rated, int priority) {
    }

    @Test
    void rules_hold_for_ten_thousand_random_jobs() throws Exception {
        long seed = Long.getLong("stint.rules.seed", System.nanoTime());
        Random random = new Random(seed);
        Path root = dir.resolve("r");
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            List<Resource> resources = new ArrayList<>();
            int n = random.nextInt(3);
            for (int r = 0; r < n; r++) {
                Resource.Mode mode = random.nextInt(4) == 0 ? Resource.Mode.WRITE : Resource.Mode.READ;
                resources.add(random.nextBoolean()
                        ? Resource.path(root.resolve(FOLDERS[random.nextInt(FOLDERS.length)]), mode)
                        : Resource.key(KEYS[random.nextInt(KEYS.length)], mode));
            }
            String key = random.nextInt(4) == 0 ? "c" + random.nextInt(3) : null;
            boolean rated = random.nextInt(20) == 0;
            specs.add(new Spec(resources, key, rated, random.nextInt(3)));
        }
        Map<String, Spec> byId = new HashMap<>();
        List<JobHandle<?>> handles = new ArrayList<>();
        try (Library library = TestLibraries.builder(dir).concurrency(16).open()) {
            long began = System.nanoTime();
            // dispatched from 8 threads at once, so that the writer stores them in batches; the order of dispatch
            // is read back from the library (dispatch order) for the check of writers
            List<DispatchOptions> options = new ArrayList<>();
            List<Integer> spins = new ArrayList<>();
            for (Spec spec : specs) {
                DispatchOptions o = DispatchOptions.defaults().withPriority(spec.priority())
                        .withResources(spec.resources().toArray(Resource[]::new));
                if (spec.key() != null) {
                    o = o.withConcurrencyKey(spec.key(), LIMITS.get(spec.key()));
                }
                if (spec.rated()) {
                    o = o.withRateLimit("api", RATE_STARTS, RATE_PERIOD);
                }
                options.add(o);
                spins.add(random.nextInt(300));
            }
            JobHandle<?>[] dispatchedHandles = new JobHandle<?>[specs.size()];
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int first = t;
                    futures.add(pool.submit(() -> {
                        for (int i = first; i < specs.size(); i += 8) {
                            dispatchedHandles[i] = library.dispatch(new ProbeJob(spins.get(i)), options.get(i));
                        }
                    }));
                }
                for (var f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
            for (int i = 0; i < specs.size(); i++) {
                handles.add(dispatchedHandles[i]);
                byId.put(dispatchedHandles[i].id(), specs.get(i));
            }
            long dispatched = System.nanoTime();
            for (JobHandle<?> h : handles) {
                h.result().get(120, TimeUnit.SECONDS);
            }
            System.out.printf("seed %d: %d jobs dispatched in %d ms, all done %d ms later%n", seed, JOBS,
                    TimeUnit.NANOSECONDS.toMillis(dispatched - began), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dispatched));
            assertThat(library.awaitIdle(Duration.ofSeconds(30))).isTrue();

            // every job ran once, to completion; ids in dispatch order
            List<String> ids = new ArrayList<>();
            dev.stint.JobQuery page = dev.stint.JobQuery.all().page(0, 1_000);
            for (List<JobInfo> jobs = library.query(page); !jobs.isEmpty();
                    jobs = library.query(page.after(jobs.get(jobs.size() - 1)))) {
                jobs.forEach(j -> ids.add(j.id()));
            }
            assertThat(ids).hasSize(JOBS);
            for (String id : ids) {
                assertThat(ProbeJob.RUNS).as("seed %d: job %s ran", seed, id).containsKey(id);
            }
            checkOverlaps(ids, byId, seed);
            checkRate(library, ids, byId, seed);
            checkWritersNotStarved(ids, byId, seed);
        }
    }

    /** Sweeps start and end events: at each start, the running jobs must not conflict and keys stay in limit. */
    private static void checkOverlaps(List<String> ids, Map<String, Spec> byId, long seed) {
        TreeMap<Long, String> starts = new TreeMap<>();
        TreeMap<Long, String> ends = new TreeMap<>();
        for (String id : ids) {
            long[] run = ProbeJob.RUNS.get(id);
            starts.put(run[0], id);
            ends.put(run[1], id);
        }
        TreeMap<Long, Object[]> events = new TreeMap<>();
        starts.forEach((t, id) -> events.put(t, new Object[] {id, true}));
        ends.forEach((t, id) -> events.put(t, new Object[] {id, false}));
        List<String> running = new ArrayList<>();
        int maxRunning = 0;
        for (Object[] e : events.values()) {
            String id = (String) e[0];
            if (!(Boolean) e[1]) {
                running.remove(id);
                continue;
            }
            Spec spec = byId.get(id);
            for (String other : running) {
                assertThat(conflict(spec, byId.get(other)))
                        .as("seed %d: %s and %s conflict and overlapped", seed, id, other).isFalse();
            }
            if (spec.key() != null) {
                long sameKey = running.stream().filter(o -> spec.key().equals(byId.get(o).key())).count();
                assertThat(sameKey + 1).as("seed %d: key %s over its limit", seed, spec.key())
                        .isLessThanOrEqualTo(LIMITS.get(spec.key()));
            }
            running.add(id);
            maxRunning = Math.max(maxRunning, running.size());
        }
        assertThat(maxRunning).as("the pool ran jobs side by side").isGreaterThan(1);
    }

    private static boolean conflict(Spec a, Spec b) {
        for (Resource x : a.resources()) {
            for (Resource y : b.resources()) {
                if (x.isPath() != y.isPath()) {
                    continue;
                }
                boolean related = x.isPath()
                        ? (x.name() + "/").startsWith(y.name() + "/") || (y.name() + "/").startsWith(x.name() + "/")
                        : x.name().equals(y.name());
                if (related && (x.mode() == Resource.Mode.WRITE || y.mode() == Resource.Mode.WRITE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No window of the rate limit's period holds more than its starts (start times as the engine stored them). */
    private static void checkRate(Library library, List<String> ids, Map<String, Spec> byId, long seed) {
        List<Long> startedAt = new ArrayList<>();
        for (String id : ids) {
            if (byId.get(id).rated()) {
                JobInfo info = library.job(id).orElseThrow();
                assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
                startedAt.add(info.startedAt().toEpochMilli());
            }
        }
        startedAt.sort(Long::compare);
        for (int i = 0; i + RATE_STARTS < startedAt.size(); i++) {
            assertThat(startedAt.get(i + RATE_STARTS) - startedAt.get(i))
                    .as("seed %d: more than %d starts within %s", seed, RATE_STARTS, RATE_PERIOD)
                    .isGreaterThanOrEqualTo(RATE_PERIOD.toMillis());
        }
    }

    /**
     * A writer is overtaken only by few jobs dispatched after it, of its priority or lower, that conflict with it:
     * those that had started before it was looked at (at most one scheduler pass).
     */
    private static void checkWritersNotStarved(List<String> ids, Map<String, Spec> byId, long seed) {
        int worst = 0;
        for (int w = 0; w < ids.size(); w++) {
            Spec writer = byId.get(ids.get(w));
            if (writer.resources().stream().noneMatch(r -> r.mode() == Resource.Mode.WRITE)) {
                continue;
            }
            long writerStart = ProbeJob.RUNS.get(ids.get(w))[0];
            int overtaken = 0;
            for (int later = w + 1; later < ids.size(); later++) {
                Spec other = byId.get(ids.get(later));
                if (ProbeJob.RUNS.get(ids.get(later))[0] < writerStart && other.priority() >= writer.priority()
                        && conflict(writer, other)) {
                    overtaken++;
                }
            }
            worst = Math.max(worst, overtaken);
        }
        assertThat(worst).as("seed %d: the most later conflicting jobs that started before a waiting writer", seed)
                .isLessThanOrEqualTo(16);
    }
}
