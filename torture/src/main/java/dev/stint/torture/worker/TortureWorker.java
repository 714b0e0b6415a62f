package dev.stint.torture.worker;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.QueueInfo;
import dev.stint.spi.TestHooks;
import dev.stint.torture.JobSpec;
import dev.stint.torture.KillMode;
import dev.stint.torture.WorkloadGenerator;
import dev.stint.torture.jobs.SideLog;
import dev.stint.wasm.WasmExtensions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker JVM of the torture harness: opens the library, dispatches its share of the workload at
 * random instants, applies the driver's control commands, and runs until the driver kills it (SIGKILL).
 * With {@code --drain true} it is the final, unkilled run: it resumes every paused queue and job, runs until nothing
 * is active and closes the library.
 */
public final class TortureWorker {
    /** The longest the final drain may take. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private TortureWorker() {
    }

    /** Runs a worker; see {@link WorkerArgs} for the arguments. */
    public static void main(String[] argv) throws Exception {
        WorkerArgs args = WorkerArgs.parse(argv);
        Files.createDirectories(args.sideDir());
        System.setProperty(SideLog.SIDE_DIR_PROPERTY, args.sideDir().toString());
        System.setProperty(SideLog.ROUND_PROPERTY, Integer.toString(args.round()));
        Announcer announcer = new Announcer(System.out);
        KillPointHook hook = new KillPointHook(args.killMode(), args.skip(), announcer);

        Library.Builder builder = Library.builder(args.library())
                .concurrency(3)
                .powerSafe(args.powerSafe())
                .historyRetention(Duration.ofDays(36_500), Integer.MAX_VALUE) // keep all: the checker counts history
                .progressPersistInterval(Duration.ofMillis(300))
                .shutdownTimeout(Duration.ofSeconds(30));
        if (args.wasm()) {
            builder.catalog(WasmExtensions.discover(args.library()).catalog());
        }
        if (args.killMode().usesCrashPoint() && !args.drain()) {
            TestHooks.withCrashPoint(builder, hook);
        }
        announcer.line("OPENING");
        Library library = builder.open();
        announcer.line("READY");
        if (args.drain()) {
            drain(library, announcer);
            return;
        }
        if (args.killMode() == KillMode.AFTER_HISTORY_MOVE) {
            library.subscribe(hook);
        }
        Thread control = new Thread(new ControlLoop(library, System.in, announcer), "torture-control");
        control.setDaemon(true);
        control.start();

        Random gaps = new Random(args.seed() ^ 0x5DEECE66DL);
        List<JobSpec> plan = new WorkloadGenerator(args.seed(), args.round(), args.wasm())
                .next(args.jobs(), WorkloadGenerator.kindFor(args.killMode()));
        try (DispatchLog log = new DispatchLog(args.dispatchLog())) {
            JobDispatcher dispatcher = new JobDispatcher(library, log, announcer);
            for (JobSpec spec : plan) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(gaps.nextInt(250))); // dispatches at random instants
                dispatcher.dispatch(spec);
            }
            announcer.line("DISPATCHED " + plan.size());
            new CountDownLatch(1).await(); // run until the driver kills this JVM
        }
    }

    /** The final run: resume what is paused, wait until nothing is active, close gracefully. */
    private static void drain(Library library, Announcer announcer) throws InterruptedException {
        for (QueueInfo queue : library.queues()) {
            if (queue.paused()) {
                library.resumeQueue(queue.name());
            }
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<JobInfo> active = library.activeJobs();
            if (active.isEmpty()) {
                break;
            }
            for (JobInfo job : active) {
                if (job.status() == JobStatus.PAUSED) {
                    try {
                        library.resume(job.id());
                    } catch (RuntimeException e) {
                        // it finished or was resumed meanwhile (a parent's resume resumes its children)
                    }
                }
            }
            library.awaitIdle(Duration.ofSeconds(10));
        }
        int left = library.activeJobs().size();
        library.close();
        announcer.line("DRAINED " + left);
    }
}
