package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Records when it runs, on one global event counter: the tests of run rules read from these records which
 * jobs overlapped. Works for {@code spinMicros} between its start and its end.
 */
@JobType(name = "test.probe")
public class ProbeJob implements Job<Integer> {
    /** The global order of start and end events. */
    public static final AtomicLong EVENTS = new AtomicLong();
    /** Per job id: {start event, end event}. */
    public static final Map<String, long[]> RUNS = new ConcurrentHashMap<>();

    int spinMicros;

    public ProbeJob() {
    }

    public ProbeJob(int spinMicros) {
        this.spinMicros = spinMicros;
    }

    @Override
    public Integer run(JobContext ctx) {
        long start = EVENTS.incrementAndGet();
        if (spinMicros > 0) {
            LockSupport.parkNanos(spinMicros * 1_000L);
        }
        long end = EVENTS.incrementAndGet();
        RUNS.put(ctx.jobId(), new long[] {start, end});
        return spinMicros;
    }
}
