package dev.stint.bench.compare;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.util.List;

/** The comparison suite's Stint job types and their catalog (built at run time, no annotation processor). */
public final class StintJobs implements JobCatalog {
    private final JobCatalog catalog = JobCatalog.of(ProbedNoopJob.class, StateCheckpointJob.class);

    @Override
    public List<JobDescriptor> jobs() {
        return catalog.jobs();
    }

    /** Does nothing but tell {@link JobProbe} it started. */
    @JobType(name = "compare.noop")
    public static class ProbedNoopJob implements Job<Void> {
        long n;

        public ProbedNoopJob() {
        }

        public ProbedNoopJob(long n) {
            this.n = n;
        }

        @Override
        public Void run(JobContext ctx) {
            JobProbe.started(n);
            return null;
        }
    }

    /**
     * Changes one byte of its {@code state} array and calls {@link JobContext#checkpoint()}, {@code times}
     * times; returns the nanoseconds the loop took.
     */
    @JobType(name = "compare.checkpoint")
    public static class StateCheckpointJob implements Job<Long> {
        byte[] state;
        int times;
        int done;

        public StateCheckpointJob() {
        }

        public StateCheckpointJob(int times, int bytes) {
            this.times = times;
            this.state = new byte[bytes];
        }

        @Override
        public Long run(JobContext ctx) {
            long t0 = System.nanoTime();
            while (done < times) {
                state[done % state.length]++;
                done++;
                ctx.checkpoint();
            }
            return System.nanoTime() - t0;
        }
    }
}
