package dev.stint.internal.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Instant;
import jdk.jfr.FlightRecorder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * With no recording running, what the engine calls on its hot paths (the four events' begin and commit, the
 * counters) allocates nothing.
 */
class NoRecordingCostTest {
    private static final int CALLS = 200_000;

    @Test
    void events_and_counters_allocate_nothing_without_a_recording() throws Exception {
        Assumptions.assumeTrue(!FlightRecorder.isInitialized()
                || FlightRecorder.getFlightRecorder().getRecordings().isEmpty(), "a recording runs in this JVM");
        // through reflection: the tests compile inside dev.stint.core, which does not read java.management
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                .invoke(null);
        Class<?> sunThreads = Class.forName("com.sun.management.ThreadMXBean");
        Assumptions.assumeTrue(sunThreads.isInstance(threads));
        Assumptions.assumeTrue((Boolean) sunThreads.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads));
        Method allocatedBytes = sunThreads.getMethod("getThreadAllocatedBytes", long.class);
        Metrics metrics = new Metrics(Instant.now());
        calls(metrics); // warm up: class loading, the JIT
        long thread = Thread.currentThread().threadId();
        long before = (Long) allocatedBytes.invoke(threads, thread);
        calls(metrics);
        long allocated = (Long) allocatedBytes.invoke(threads, thread) - before;
        // a few bytes of the measurement itself, not 16+ bytes per call
        assertThat(allocated).isLessThan(CALLS);
    }

    private static void calls(Metrics metrics) {
        for (int i = 0; i < CALLS; i++) {
            JobRunEvent run = JobRunEvent.beginIfRecorded();
            CheckpointEvent checkpoint = CheckpointEvent.beginIfRecorded();
            CommitBatchEvent batch = CommitBatchEvent.beginIfRecorded();
            ClaimPassEvent claim = ClaimPassEvent.beginIfRecorded();
            metrics.runStarted();
            metrics.checkpointCommitted(i);
            metrics.batchCommitted(i & 511);
            metrics.runEnded(RunOutcome.COMPLETED);
            ClaimPassEvent.commit(claim, "lib", "scheduler", 1, i);
            CommitBatchEvent.commit(batch, "lib", i, 0, true);
            CheckpointEvent.commit(checkpoint, "lib", "id", "name", i);
            JobRunEvent.commit(run, "lib", "name", "id", "default", 1, RunOutcome.COMPLETED);
        }
    }
}
