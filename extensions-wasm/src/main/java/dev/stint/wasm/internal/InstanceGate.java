package dev.stint.wasm.internal;

import dev.stint.JobContext;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * How many module instances the jobs of one discovery may have alive at once ({@code WasmLimits.maxInstances}),
 * so that the heap all extension runs can take together is bounded whatever the library's concurrency. A run
 * takes a permit before it creates its context and gives it back only once that context is closed (also when
 * the watchdog cancelled it), so an instance being torn down still counts.
 */
final class InstanceGate {
    private final Semaphore permits;

    InstanceGate(int maxInstances) {
        this.permits = new Semaphore(maxInstances, true);
    }

    /**
     * Waits for a permit, answering a pause, cancel or shutdown of the job meanwhile (it then throws the
     * engine's interruption, recording what was asked, and no module runs).
     */
    void acquire(JobContext ctx) throws InterruptedException {
        while (!permits.tryAcquire(Watchdog.STOP_POLL.toNanos(), TimeUnit.NANOSECONDS)) {
            ctx.checkInterrupted();
        }
    }

    void release() {
        permits.release();
    }
}
