package dev.stint.internal.exec;

import dev.stint.JobCancelledException;
import dev.stint.JobCounts;
import dev.stint.JobFailedException;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobQuery;
import dev.stint.JobStateDecodeException;
import dev.stint.JobStatus;
import dev.stint.LibraryClosedException;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.JobReads;
import dev.stint.spi.JobDescriptor;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * What the application reads about jobs: one job, the active ones, history, queries, counts, a job's status
 * and its result future. Reads go to the reader connection; a running job's status and latest progress come
 * from the {@link RunTable}, which is ahead of what is stored.
 */
final class JobLookup {
    private final JobsDb db;
    private final StateCodec codec;
    private final JobRegistry registry;
    private final RunTable runs;
    private final OpenState open;
    /** Why a queued job waits, if the run rules' gate knows (see {@link RuleGate#waitingFor}). */
    private final java.util.function.Function<String, String> waitingFor;

    JobLookup(JobsDb db, StateCodec codec, JobRegistry registry, RunTable runs, OpenState open,
            java.util.function.Function<String, String> waitingFor) {
        this.waitingFor = waitingFor;
        this.db = db;
        this.codec = codec;
        this.registry = registry;
        this.runs = runs;
        this.open = open;
    }

    /** The name of job {@code id}, if the library has it (active or in history). */
    Optional<String> name(String id) {
        RunningJob rj = runs.get(id);
        if (rj != null) {
            return Optional.of(rj.name());
        }
        return db.read(c -> JobReads.find(c, id)).map(JobRow::name);
    }

    Optional<JobInfo> job(String id) {
        return db.read(c -> JobReads.find(c, id)).map(this::toInfo);
    }

    List<JobInfo> active() {
        return db.read(JobReads::active).stream().map(this::toInfo).toList();
    }

    List<JobInfo> history(int limit) {
        return db.read(c -> JobReads.history(c, limit)).stream().map(this::toInfo).toList();
    }

    List<JobInfo> query(JobQuery query) {
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        statuses.addAll(query.statuses());
        Long from = query.createdFrom() == null ? null : query.createdFrom().toEpochMilli();
        Long to = query.createdTo() == null ? null : query.createdTo().toEpochMilli();
        JobReads.Cursor after = query.afterId() == null ? null
                : new JobReads.Cursor(query.afterCreatedAt().toEpochMilli(), query.afterId());
        return db.read(c -> JobReads.query(c, statuses, query.name(), query.queue(), query.parentId(), query.tags(),
                from, to, after, query.offset(), query.limit())).stream().map(this::toInfo).toList();
    }

    JobCounts counts() {
        Map<JobStatus, Integer> byStatus = new EnumMap<>(JobStatus.class);
        Map<String, Map<JobStatus, Integer>> byQueue = new TreeMap<>();
        for (JobReads.StatusCount row : db.read(JobReads::counts)) {
            JobStatus status = row.status();
            byStatus.merge(status, row.count(), Integer::sum);
            byQueue.computeIfAbsent(row.queue(), k -> new EnumMap<>(JobStatus.class))
                    .merge(status, row.count(), Integer::sum);
        }
        Map<String, Map<JobStatus, Integer>> frozen = new TreeMap<>();
        byQueue.forEach((q, m) -> frozen.put(q, Map.copyOf(m)));
        return new JobCounts(byStatus, frozen);
    }

    /** A job's status: running while it is in the run table, otherwise as stored. */
    JobStatus status(String id) {
        if (runs.contains(id)) {
            return JobStatus.RUNNING;
        }
        return db.read(c -> JobReads.find(c, id)).map(JobRow::status)
                .orElseThrow(() -> new JobNotFoundException(id));
    }

    /** The result future of a job; completed at once if the job is already in history. */
    CompletableFuture<Object> result(String id) {
        CompletableFuture<Object> future = runs.resultFuture(id);
        if (open.isClosed()) {
            future.completeExceptionally(new LibraryClosedException(id, "library " + open.label() + " is closed"));
            runs.forgetResult(id, future);
            return future;
        }
        if (!runs.contains(id)) {
            Optional<JobRow> row = db.read(c -> JobReads.find(c, id));
            if (row.isEmpty()) {
                runs.forgetResult(id, future);
                future.completeExceptionally(new JobNotFoundException(id));
            } else if (row.get().status().isTerminal()) {
                runs.forgetResult(id, future);
                completeFromHistory(future, row.get());
            }
        }
        return future;
    }

    private void completeFromHistory(CompletableFuture<Object> future, JobRow row) {
        JobStatus status = row.status();
        switch (status) {
            case COMPLETED -> {
                Class<?> type = registry.byName(row.name()).filter(d -> d.version() == row.version())
                        .<Class<?>>map(JobDescriptor::outputType).orElse(Object.class);
                try {
                    future.complete(row.output() == null ? null : codec.decode(row.output(), type));
                } catch (CodecException e) {
                    future.completeExceptionally(new JobStateDecodeException(row.id(), row.name(), "output", e));
                }
            }
            case CANCELLED -> future.completeExceptionally(new JobCancelledException(row.id()));
            case FAILED -> future.completeExceptionally(new JobFailedException(row.id(), JobInfos.error(codec, row.error())));
            case QUEUED, RUNNING, PAUSED -> throw new IllegalStateException("not terminal: " + status);
        }
    }

    private JobInfo toInfo(JobRow row) {
        JobInfo info = JobInfos.toInfo(codec, row);
        RunningJob rj = runs.get(row.id());
        if (rj != null && rj.progress().latest() != null && info.status() == JobStatus.RUNNING) {
            return info.withProgress(rj.progress().latest());
        }
        if (info.status() == JobStatus.QUEUED && row.rules() != null) {
            String why = waitingFor.apply(row.id());
            return why == null ? info : info.withWaitingFor(why);
        }
        return info;
    }
}
