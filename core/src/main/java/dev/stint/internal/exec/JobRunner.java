package dev.stint.internal.exec;

import dev.stint.ErrorRecord;
import dev.stint.Job;
import dev.stint.JobStateDecodeException;
import dev.stint.JobStatus;
import dev.stint.LibraryClosedException;
import dev.stint.StintException;
import dev.stint.StintInterruptedException;
import dev.stint.UnknownJobTypeException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.ErrorBudget;
import dev.stint.internal.codec.ProgressRecord;
import dev.stint.internal.log.LogText;
import dev.stint.internal.observe.JobRunEvent;
import dev.stint.internal.observe.Metrics;
import dev.stint.internal.observe.RunOutcome;
import dev.stint.internal.store.JobReads;
import dev.stint.internal.store.JobRow;
import dev.stint.spi.JobDescriptor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one claimed job on its own virtual thread: rebuilds the job object from its latest stored state
 * (migrating it if its version changed), calls {@link Job#run}, turns what it returned or threw into a
 * {@link RunEnd}, and hands that to {@link RunOutcomes}.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    private final RunServices services;
    private final JobRegistry registry;
    private final Claims claims;
    private final RunOutcomes outcomes;
    private final Consumer<RunningJob> onRunEnded;
    private final Metrics metrics;

    /**
     * @param onRunEnded told once per run after its thread is done (whatever the outcome)
     * @param metrics counts the runs started
     */
    JobRunner(RunServices services, JobRegistry registry, Claims claims, RunOutcomes outcomes,
            Consumer<RunningJob> onRunEnded, Metrics metrics) {
        this.services = services;
        this.registry = registry;
        this.claims = claims;
        this.outcomes = outcomes;
        this.onRunEnded = onRunEnded;
        this.metrics = metrics;
    }

    void start(RunningJob rj) {
        // a job's thread hands its writes to the writer's thread: SQL never runs on a stack job code controls
        Thread t = Thread.ofVirtual().name("stint-job-" + rj.id())
                .unstarted(() -> JobsDb.runAsJobThread(() -> run(rj)));
        rj.attachThread(t);
        t.start();
    }

    private void run(RunningJob rj) {
        metrics.runStarted();
        JobRunEvent event = JobRunEvent.beginIfRecorded();
        RunOutcome outcome = RunOutcome.NOT_RECORDED;
        try {
            outcome = execute(rj);
        } catch (SimulatedCrash e) {
            LOG.debug("job {} stopped by a simulated crash", LogText.escape(rj.id()));
        } catch (LibraryClosedException e) {
            LOG.debug("job {} could not record its outcome: library closed; it resumes on the next open",
                    LogText.escape(rj.id()));
        } catch (StintInterruptedException e) {
            LOG.debug("job {} could not record its outcome: its thread was interrupted; it resumes on the next open",
                    LogText.escape(rj.id()));
        } catch (RuntimeException | Error e) {
            LOG.error("job {} ({}): unexpected engine failure", LogText.escape(rj.id()), LogText.escape(rj.name()), e);
        } finally {
            claims.runEnded(rj);
            onRunEnded.accept(rj);
            JobRunEvent.commit(event, services.label(), rj.name(), rj.id(), rj.queue(), rj.row().runCount(), outcome);
        }
    }

    /** Runs the job and records its end; returns what was recorded. */
    private RunOutcome execute(RunningJob rj) {
        JobRow row = rj.row();
        Job<?> job;
        try {
            job = load(rj);
        } catch (StintException e) {
            LOG.warn("job {} ({}) cannot be loaded and fails: {}", LogText.escape(row.id()),
                    LogText.escape(row.name()), LogText.escape(e.getMessage()));
            services.announcer().run(rj, JobStatus.QUEUED, JobStatus.RUNNING, null);
            return outcomes.record(rj, null, null, new RunEnd.LoadFailed(e));
        }
        RunContext ctx = newContext(rj, job);
        services.announcer().run(rj, JobStatus.QUEUED, JobStatus.RUNNING, null);

        RunEnd end;
        try {
            end = new RunEnd.Completed(job.run(ctx));
        } catch (SimulatedCrash crash) {
            throw crash;
        } catch (Throwable t) {
            end = RunEnd.ofThrown(t, rj.interruptReason(), services.clock().millis());
            if (end instanceof RunEnd.Failed && t instanceof VirtualMachineError vme
                    && !(t instanceof StackOverflowError)) {
                LOG.error("job {} ({}) hit {}", LogText.escape(row.id()), LogText.escape(row.name()),
                        LogText.escape(vme.toString()));
            }
        }
        endLog(rj, ctx);
        // the job's code is done: its worker may start the next run while this outcome is being recorded
        claims.workerFreed(rj);
        // whatever interrupted the job's thread (the job itself, a cancel), its outcome is recorded: the wait
        // for that write must not end at once on the thread's interrupt flag and leave the row running
        boolean interrupted = Thread.interrupted();
        try {
            return outcomes.record(rj, job, ctx, end);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the run's log budget; a failure there (the library closing) never changes the run's outcome. */
    private static void endLog(RunningJob rj, RunContext ctx) {
        try {
            ctx.endLog();
        } catch (RuntimeException e) {
            LOG.debug("job {}: its log count could not be recorded: {}", LogText.escape(rj.id()),
                    LogText.escape(e.toString()));
        }
    }

    /** The run's context, seeded with what earlier runs stored: progress, errors, steps and results. */
    private RunContext newContext(RunningJob rj, Job<?> job) {
        JobRow row = rj.row();
        if (row.progress() != null) {
            try {
                rj.progress().seed(services.codec().decode(row.progress(), ProgressRecord.class).toProgress());
            } catch (CodecException e) {
                LOG.debug("job {}: stored progress unreadable, ignored", LogText.escape(row.id()));
            }
        }
        List<ErrorRecord> stored = ErrorBudget.readForUpdate(services.codec(), row.errors(), services.clock().instant());
        boolean resumed = row.runCount() > 1 || row.checkpoint() != null;
        Map<String, byte[]> steps = row.steps() == 0 ? Map.of() : services.db().read(c -> JobReads.steps(c, row.id()));
        Map<String, Object> results = Map.of();
        if (row.results() != null) {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> decoded = services.codec().decode(row.results(), Map.class);
                results = decoded;
            } catch (CodecException e) {
                LOG.warn("job {}: stored intermediate results unreadable, starting empty", LogText.escape(row.id()));
            }
        }
        return new RunContext(services, rj, job, resumed, stored, steps, results);
    }

    private Job<?> load(RunningJob rj) {
        JobRow row = rj.row();
        JobDescriptor d = rj.descriptor();
        if (d == null) {
            throw new UnknownJobTypeException(row.id(), row.name(), registry.knownNames());
        }
        boolean fromCheckpoint = d.resumable() && row.checkpoint() != null;
        if (d.version() != row.version()) {
            return Migrations.load(services.codec(), services.db(), services.clock().millis(), row, d, fromCheckpoint);
        }
        byte[] blob = fromCheckpoint ? row.checkpoint() : row.state();
        try {
            return services.codec().decode(blob, d.jobClass());
        } catch (CodecException e) {
            throw new JobStateDecodeException(row.id(), row.name(), fromCheckpoint ? "checkpoint" : "state", e);
        }
    }
}
