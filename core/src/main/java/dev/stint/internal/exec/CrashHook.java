package dev.stint.internal.exec;

import dev.stint.spi.CrashPoint;

/**
 * After each commit of a job (checkpoint, step): asks the configured {@link CrashPoint} (tests only)
 * whether to crash there; if so, crashes the library and unwinds the job's thread without any further write.
 * With no crash point configured it does nothing.
 */
final class CrashHook {
    private final CrashPoint point;
    private final Runnable crash;

    /**
     * @param point the configured crash point, or null
     * @param crash stops the library at once, as a killed process would
     */
    CrashHook(CrashPoint point, Runnable crash) {
        this.point = point;
        this.crash = crash;
    }

    void afterJobCommit(RunningJob rj, CrashPoint.Kind kind, String name, int count) {
        if (point != null && point.crashAfter(rj.id(), rj.name(), kind, name, count)) {
            crash.run();
            point.crashed();
            throw new SimulatedCrash(rj.id());
        }
    }
}
