package dev.stint.torture.driver;

import dev.stint.torture.KillMode;
import dev.stint.torture.worker.WorkerArgs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One kill point: starts a worker, lets it open the library and dispatch, sends control commands at random
 * instants, and kills it with SIGKILL at the planned instant: a random delay after it is up, soon after it
 * starts opening (open-time recovery), right after a targeted commit the worker announces, or while a
 * dispatch is in flight. Targeted kills whose instant does not come within {@link #TARGET_WAIT_MS} fall
 * back to a timed kill.
 */
final class KillRound {
    /** How long a worker may take to start and open the library. */
    static final long START_TIMEOUT_MS = 60_000;
    /** How long to wait for a targeted kill point before killing anyway. */
    static final long TARGET_WAIT_MS = 3_000;
    /** The longest random delay after the worker is up. */
    static final int RANDOM_KILL_MAX_MS = 2_500;

    private final Path library;
    private final Path work;
    private final boolean wasm;
    private final ControlPlanner control;

    KillRound(Path library, Path work, boolean wasm, ControlPlanner control) {
        this.library = library;
        this.work = work;
        this.wasm = wasm;
        this.control = control;
    }

    /** Runs kill point {@code round} with the round's own random source; {@code backlog}: jobs active now. */
    RoundResult run(int round, Random random, int backlog) throws IOException, InterruptedException {
        KillMode mode = pickMode(random);
        int jobs = backlog > 30 ? random.nextInt(2) : 2 + random.nextInt(5);
        int skip = random.nextInt(mode == KillMode.AFTER_SPAWN || mode == KillMode.AFTER_HISTORY_MOVE ? 2 : 4);
        boolean powerSafe = random.nextBoolean();
        WorkerArgs args = new WorkerArgs(library, work, round, random.nextLong(), jobs, mode, skip, wasm, powerSafe,
                false);
        try (WorkerProcess worker = WorkerProcess.start(args, work.resolve("logs").resolve("worker-" + round + ".log"))) {
            String line = worker.awaitLine("OPENING", ms(START_TIMEOUT_MS));
            if (line == null || line.equals(WorkerProcess.EOF)) {
                return problem(round, mode, powerSafe, worker, "worker did not start opening the library");
            }
            if (mode == KillMode.DURING_OPEN) {
                String ready = worker.awaitLine("READY", ms(random.nextInt(400)));
                worker.kill();
                return new RoundResult(round, mode, powerSafe, ready == null, ready == null, null);
            }
            line = worker.awaitLine("READY", ms(START_TIMEOUT_MS));
            if (line == null || line.equals(WorkerProcess.EOF)) {
                return problem(round, mode, powerSafe, worker, "worker did not open the library");
            }
            return runUntilKill(round, mode, powerSafe, jobs, random, worker);
        }
    }

    private RoundResult runUntilKill(int round, KillMode mode, boolean powerSafe, int jobs, Random random,
            WorkerProcess worker)
            throws InterruptedException {
        long now = System.nanoTime();
        long deadline = now + ms(mode == KillMode.RANDOM ? random.nextInt(RANDOM_KILL_MAX_MS) : TARGET_WAIT_MS);
        int dispatchTarget = mode == KillMode.DURING_DISPATCH && jobs > 0 ? 1 + random.nextInt(jobs) : -1;
        long nextControl = now + ms(100 + random.nextInt(400));
        int intents = 0;
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                worker.kill();
                return new RoundResult(round, mode, powerSafe, mode == KillMode.RANDOM, false, null);
            }
            String line = worker.nextLine(Math.min(deadline, nextControl) - System.nanoTime());
            if (line == null) {
                if (System.nanoTime() - deadline >= 0) {
                    continue;
                }
                control.next(random).ifPresent(worker::send);
                nextControl = System.nanoTime() + ms(100 + random.nextInt(400));
            } else if (line.equals(WorkerProcess.EOF)) {
                return problem(round, mode, powerSafe, worker, "worker exited by itself");
            } else if (line.startsWith("CTL PAUSE_QUEUE ") || line.startsWith("CTL RESUME_QUEUE ")) {
                String[] parts = line.split(" ");
                control.queueAnswered(parts[1], parts[parts.length - 1]);
            } else if (line.startsWith("ACK ")) {
                control.acknowledged(Arrays.asList(line.split(" ")[3].split(",")));
            } else if (line.startsWith("INTENT ") && ++intents == dispatchTarget) {
                worker.kill();
                return new RoundResult(round, mode, powerSafe, true, false, null);
            } else if (line.startsWith("KILLME ")) {
                worker.kill();
                return new RoundResult(round, mode, powerSafe, true, false, null);
            }
        }
    }

    private static RoundResult problem(int round, KillMode mode, boolean powerSafe, WorkerProcess worker, String what)
            throws InterruptedException {
        Integer code = worker.awaitExit(5, TimeUnit.SECONDS);
        worker.kill();
        return new RoundResult(round, mode, powerSafe, false, false, what + " (exit code " + code + ", see logs/worker-" + round
                + ".log)");
    }

    /** Kill modes, weighted: a third random instants, the rest spread over the targeted instants. */
    static KillMode pickMode(Random random) {
        int r = random.nextInt(100);
        if (r < 30) {
            return KillMode.RANDOM;
        } else if (r < 42) {
            return KillMode.DURING_OPEN;
        } else if (r < 52) {
            return KillMode.AFTER_CHECKPOINT;
        } else if (r < 62) {
            return KillMode.AFTER_STEP;
        } else if (r < 72) {
            return KillMode.AFTER_SPAWN;
        } else if (r < 82) {
            return KillMode.AFTER_BATCH_CHUNK;
        } else if (r < 92) {
            return KillMode.AFTER_HISTORY_MOVE;
        }
        return KillMode.DURING_DISPATCH;
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
