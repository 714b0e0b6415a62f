package dev.stint.wasm;

import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Child-JVM main for {@link HeapPressureTest} (run with a small {@code -Xmx}): discovers the extensions of a
 * library with the given wall time, runs {@code hostileCount} jobs of {@code hostileJob} beside one
 * {@code demo-wasm:count}, and prints, for each hostile job, how late the watchdog stopped it
 * ({@code LATE <ms> <id> <status> <error type> <message>}: the time from running to its end, less the wall-time limit), then
 * {@code GOOD <output>}, {@code RUNNING <rows still running>} and {@code DONE}. A first short job creates
 * the shared polyglot engine before anything is measured.
 *
 * <p>Arguments: {@code <library> <wallMillis> <hostileJob> <hostileCount> [maxInstances]}.
 */
public final class HeapPressureChild {
    private HeapPressureChild() {
    }

    public static void main(String[] args) throws Exception {
        Path library = Path.of(args[0]);
        long wallMillis = Long.parseLong(args[1]);
        String hostileJob = args[2];
        int hostileCount = Integer.parseInt(args[3]);
        int maxInstances = args.length > 4 ? Integer.parseInt(args[4]) : WasmLimits.defaults().maxInstances();
        WasmExtensions extensions = WasmExtensions.builder(library)
                .limits(WasmLimits.defaults().withWallTime(Duration.ofMillis(wallMillis)).withMaxInstances(maxInstances))
                .discover();
        for (ExtensionProblem p : extensions.problems()) {
            System.out.println("PROBLEM " + p);
        }
        Map<String, Long> runningAt = new ConcurrentHashMap<>();
        Map<String, Long> endedAt = new ConcurrentHashMap<>();
        try (Library lib = Plugins.builder(library, extensions).concurrency(hostileCount + 1).open()) {
            lib.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged s) {
                    long now = System.nanoTime();
                    if (s.to() == JobStatus.RUNNING) {
                        runningAt.putIfAbsent(s.jobId(), now);
                    } else if (s.from() == JobStatus.RUNNING) {
                        endedAt.putIfAbsent(s.jobId(), now);
                    }
                }
            });
            // warm up: the first run creates the shared polyglot engine, which is not what is measured
            lib.dispatch("demo-wasm:count", "{\"to\": 1}").result().get(5, TimeUnit.MINUTES);
            JobHandle<Object> good = lib.dispatch("demo-wasm:count", "{\"to\": 300, \"checkpointEvery\": 30, \"spin\": 500}");
            List<String> hostile = new ArrayList<>();
            for (int i = 0; i < hostileCount; i++) {
                hostile.add(lib.dispatch(hostileJob, "{}").id());
            }
            Object output = good.result().get(10, TimeUnit.MINUTES);
            lib.awaitIdle(Duration.ofMinutes(10));
            for (String id : hostile) {
                JobInfo info = lib.job(id).orElseThrow();
                Long start = runningAt.get(id);
                Long end = endedAt.get(id);
                long late = start == null || end == null ? Long.MAX_VALUE
                        : TimeUnit.NANOSECONDS.toMillis(end - start) - wallMillis;
                System.out.println("LATE " + late + " " + id + " " + info.status() + " "
                        + (info.error() == null ? "-" : info.error().type() + " " + info.error().message()));
            }
            System.out.println("GOOD " + good.id() + " " + output);
            System.out.println("RUNNING " + lib.activeJobs().size());
        }
        System.out.println("DONE");
        System.out.flush();
    }
}
