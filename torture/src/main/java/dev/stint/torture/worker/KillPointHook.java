package dev.stint.torture.worker;

import dev.stint.JobEvent;
import dev.stint.JobListener;
import dev.stint.torture.KillMode;
import dev.stint.torture.jobs.BatchJob;
import dev.stint.spi.CrashPoint;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Announces the instant the driver should kill the worker: right after the {@code skip + 1}-th commit of
 * the kind the round targets (a {@link CrashPoint}, called on the job's thread right after the commit,
 * which then blocks that thread until the SIGKILL arrives), or right after a job moved to history (its
 * terminal status event). The library itself is never crashed in-process: the kill is a real SIGKILL.
 */
final class KillPointHook implements CrashPoint, JobListener {
    private final KillMode mode;
    private final int skip;
    private final Announcer announcer;
    private final AtomicInteger seen = new AtomicInteger();

    KillPointHook(KillMode mode, int skip, Announcer announcer) {
        this.mode = mode;
        this.skip = skip;
        this.announcer = announcer;
    }

    @Override
    public boolean crashAfter(String jobId, String jobName, Kind kind, String name, int count) {
        if (matches(kind, name) && seen.getAndIncrement() == skip) {
            announcer.line("KILLME " + mode + " " + jobId + " " + (name == null ? "checkpoint#" + count : name));
            while (true) {
                LockSupport.park(this); // hold the job right after its commit until the driver's SIGKILL
            }
        }
        return false;
    }

    private boolean matches(Kind kind, String name) {
        return switch (mode) {
            case AFTER_CHECKPOINT -> kind == Kind.CHECKPOINT;
            case AFTER_SPAWN -> kind == Kind.STEP && name.startsWith("spawn#");
            case AFTER_BATCH_CHUNK -> kind == Kind.STEP && name.startsWith(BatchJob.BATCH + "#");
            case AFTER_STEP -> kind == Kind.STEP && !name.contains("#");
            default -> false;
        };
    }

    @Override
    public void onEvent(JobEvent event) {
        if (mode == KillMode.AFTER_HISTORY_MOVE && event instanceof JobEvent.StatusChanged s && s.to().isTerminal()
                && seen.getAndIncrement() == skip) {
            announcer.line("KILLME " + mode + " " + s.jobId() + " " + s.to());
        }
    }
}
