package dev.stint.internal.exec;

import dev.stint.InterruptReason;
import dev.stint.internal.log.LogText;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers that watch running jobs: a run's timeout (interrupt it, then abandon it after the grace
 * period) and the stall watchdog (a {@link dev.stint.JobEvent.Stalled} event for a run that shows neither
 * progress nor a checkpoint for the stall timeout). The due timer of delayed jobs is {@link DueTimer}.
 */
final class Watchdogs {
    private static final Logger LOG = LoggerFactory.getLogger(Watchdogs.class);

    private final Timers timers;
    private final InstantSource clock;
    private final RunTable runs;
    private final StatusAnnouncer announcer;
    private final OpenState open;
    private final Duration timeoutGrace;
    private final Duration stallTimeout;
    private final Consumer<RunningJob> abandonTimedOut;

    /**
     * @param stallTimeout null for no stall watchdog
     * @param abandonTimedOut records a run that ignored its timeout past the grace period as abandoned
     */
    Watchdogs(Timers timers, InstantSource clock, RunTable runs, StatusAnnouncer announcer, OpenState open,
            Duration timeoutGrace, Duration stallTimeout, Consumer<RunningJob> abandonTimedOut) {
        this.timers = timers;
        this.clock = clock;
        this.runs = runs;
        this.announcer = announcer;
        this.open = open;
        this.timeoutGrace = timeoutGrace;
        this.stallTimeout = stallTimeout;
        this.abandonTimedOut = abandonTimedOut;
    }

    /** Arms a started run's timeout, if it has one. */
    void armTimeout(RunningJob rj) {
        Long timeoutMs = rj.row().timeoutMs();
        if (timeoutMs == null) {
            return;
        }
        long at = TimeMath.plus(rj.startedAtMillis(), timeoutMs);
        rj.setTimeoutTimer(timers.at(at, () -> {
            if (rj.isSettled() || !runs.contains(rj.id())) {
                return;
            }
            LOG.info("job {} ({}) timed out after {} ms; interrupting it", LogText.escape(rj.id()),
                    LogText.escape(rj.name()), timeoutMs);
            rj.requestInterrupt(InterruptReason.TIMEOUT);
            // the grace period: from the timeout's instant by a manual clock, in elapsed time by a real one (a
            // forward jump of the wall clock never cuts it short)
            timers.after(at, timeoutGrace.toMillis(), () -> {
                if (!rj.isSettled() && runs.contains(rj.id())) {
                    abandonTimedOut.accept(rj);
                }
            });
        }));
    }

    /** Starts the stall watchdog, if the library has a stall timeout. */
    void startStallWatch() {
        if (stallTimeout != null) {
            armStallWatch();
        }
    }

    /** Every half stall timeout, flags running jobs that showed no progress and no checkpoint meanwhile. */
    private void armStallWatch() {
        long period = Math.max(1, stallTimeout.toMillis() / 2);
        timers.at(clock.millis() + period, () -> {
            if (open.isClosed()) {
                return;
            }
            checkStalls();
            armStallWatch();
        });
    }

    private void checkStalls() {
        long now = clock.millis();
        long limit = stallTimeout.toMillis();
        for (RunningJob rj : runs.snapshot()) {
            if (rj.isStarted()) { // a run claimed ahead waits for a worker: not stalled
                rj.newlyStalled(now, limit).ifPresent(quiet -> announcer.stalled(rj, quiet));
            }
        }
    }
}
