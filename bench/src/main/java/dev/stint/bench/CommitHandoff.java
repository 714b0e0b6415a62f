package dev.stint.bench;

import dev.stint.internal.store.ActiveJobs;
import dev.stint.internal.store.CommitThread;
import dev.stint.internal.store.Database;
import dev.stint.internal.store.Durability;
import dev.stint.internal.store.NewJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What handing a commit to the writer's own thread costs against letting the waiting caller run it: the writer
 * alone (core's internal {@link Database} and {@code GroupCommitWriter}), one library per {@link CommitThread}
 * in one JVM, measured in alternating rounds so that the machine's load drifts alike for both. Each round: one
 * virtual thread saves 1 KiB of state in a loop, each save waited for (a lone job checkpointing), then 16
 * virtual threads do the same at once (group commit). The first round is discarded.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp "stint-bench.jar:lib/*" dev.stint.bench.CommitHandoff ROUNDS NORMAL|FULL [DIR]
 * </pre>
 */
public final class CommitHandoff {
    private static final byte[] STATE = new byte[1024];
    private static final List<CommitThread> MODES = List.of(CommitThread.CALLER, CommitThread.WRITER);
    private static final int CALLERS = 16;

    private CommitHandoff() {
    }

    /** Runs the comparison and prints one line per mode. */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        Durability durability = Durability.valueOf(args[1].toUpperCase(Locale.ROOT));
        Path base = Files.createTempDirectory(args.length > 2 ? Path.of(args[2]) : Path.of(System.getProperty(
                "java.io.tmpdir")), "handoff");
        int lone = durability == Durability.FULL ? 300 : 2000;
        int each = durability == Durability.FULL ? 50 : 300;
        Map<CommitThread, Database> dbs = new EnumMap<>(CommitThread.class);
        Map<CommitThread, List<Double>> loneRate = new EnumMap<>(CommitThread.class);
        Map<CommitThread, List<Long>> loneNanos = new EnumMap<>(CommitThread.class);
        Map<CommitThread, List<Double>> groupRate = new EnumMap<>(CommitThread.class);
        for (CommitThread m : MODES) {
            Database db = Database.open(Files.createDirectories(base.resolve(m.name())), durability,
                    Duration.ofSeconds(30), m);
            db.writer().submit(s -> {
                ActiveJobs.insert(s, List.of(new NewJob("j", "n", 1, STATE, 0)));
                return null;
            }).get();
            dbs.put(m, db);
            loneRate.put(m, new ArrayList<>());
            loneNanos.put(m, new ArrayList<>());
            groupRate.put(m, new ArrayList<>());
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int r = 0; r < rounds; r++) {
                for (CommitThread m : r % 2 == 0 ? MODES : MODES.reversed()) {
                    Database db = dbs.get(m);
                    long[] nanos = new long[lone];
                    long t0 = System.nanoTime();
                    threads.submit(() -> {
                        for (int i = 0; i < lone; i++) {
                            long s0 = System.nanoTime();
                            save(db);
                            nanos[i] = System.nanoTime() - s0;
                        }
                        return null;
                    }).get();
                    double loneSeconds = (System.nanoTime() - t0) / 1e9;
                    long g0 = System.nanoTime();
                    List<Future<?>> all = new ArrayList<>();
                    for (int w = 0; w < CALLERS; w++) {
                        all.add(threads.submit(() -> {
                            for (int i = 0; i < each; i++) {
                                save(db);
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : all) {
                        f.get();
                    }
                    double groupSeconds = (System.nanoTime() - g0) / 1e9;
                    if (r > 0) {
                        loneRate.get(m).add(lone / loneSeconds);
                        for (long n : nanos) {
                            loneNanos.get(m).add(n);
                        }
                        groupRate.get(m).add(CALLERS * each / groupSeconds);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s, %d rounds (first discarded), load average at end: %s%n", durability,
                rounds, Files.readString(Path.of("/proc/loadavg")).trim());
        for (CommitThread m : MODES) {
            List<Long> n = loneNanos.get(m);
            Collections.sort(n);
            System.out.printf(Locale.ROOT, "%-6s lone caller: median %.0f commits/s (min %.0f, max %.0f), per commit "
                    + "p50 %.1f us, p99 %.1f us; %d callers: median %.0f saves/s (min %.0f, max %.0f); %d commits for "
                    + "%d saves%n", m, median(loneRate.get(m)), Collections.min(loneRate.get(m)),
                    Collections.max(loneRate.get(m)), n.get(n.size() / 2) / 1e3, n.get((int) (n.size() * 0.99)) / 1e3,
                    CALLERS, median(groupRate.get(m)), Collections.min(groupRate.get(m)),
                    Collections.max(groupRate.get(m)), dbs.get(m).writer().commits(),
                    dbs.get(m).writer().operationsCommitted());
            dbs.get(m).close();
        }
    }

    private static void save(Database db) throws Exception {
        db.writer().submitOrRun(s -> ActiveJobs.saveCheckpoint(s, "j", STATE, 1)).get();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
