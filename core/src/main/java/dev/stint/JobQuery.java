package dev.stint;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A filter over a library's jobs, active and finished, with paging. Immutable; unset filters match
 * everything. Results come in dispatch order.
 *
 * <pre>{@code
 * List<JobInfo> failedImports = library.query(JobQuery.all().withStatus(JobStatus.FAILED)
 *         .withName("photos.import").createdBetween(lastWeek, now).page(0, 50));
 * }</pre>
 */
public final class JobQuery {
    private static final JobQuery ALL = new JobQuery(EnumSet.allOf(JobStatus.class), null, null, null, null, null, 0, 100);

    private final Set<JobStatus> statuses;
    private final String name;
    private final String queue;
    private final String parentId;
    private final Instant createdFrom;
    private final Instant createdTo;
    private final int offset;
    private final int limit;

    private JobQuery(Set<JobStatus> statuses, String name, String queue, String parentId, Instant createdFrom,
            Instant createdTo, int offset, int limit) {
        this.statuses = statuses;
        this.name = name;
        this.queue = queue;
        this.parentId = parentId;
        this.createdFrom = createdFrom;
        this.createdTo = createdTo;
        this.offset = offset;
        this.limit = limit;
    }

    /** Every job, first page of 100. */
    public static JobQuery all() {
        return ALL;
    }

    /** Only jobs in one of these statuses. */
    public JobQuery withStatus(JobStatus first, JobStatus... more) {
        return new JobQuery(EnumSet.of(first, more), name, queue, parentId, createdFrom, createdTo, offset, limit);
    }

    /** Only jobs of this type. */
    public JobQuery withName(String name) {
        return new JobQuery(statuses, Objects.requireNonNull(name), queue, parentId, createdFrom, createdTo, offset, limit);
    }

    /** Only jobs of this queue. */
    public JobQuery withQueue(String queue) {
        return new JobQuery(statuses, name, Objects.requireNonNull(queue), parentId, createdFrom, createdTo, offset, limit);
    }

    /** Only children of this job. */
    public JobQuery withParent(String parentId) {
        return new JobQuery(statuses, name, queue, Objects.requireNonNull(parentId), createdFrom, createdTo, offset, limit);
    }

    /** Only jobs dispatched in {@code [from, to)}; either end may be null. */
    public JobQuery createdBetween(Instant from, Instant to) {
        return new JobQuery(statuses, name, queue, parentId, from, to, offset, limit);
    }

    /** Page {@code page} (from 0) of {@code size} jobs. */
    public JobQuery page(int page, int size) {
        if (page < 0 || size < 1 || size > 10_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..10000, was " + page + ", " + size);
        }
        return new JobQuery(statuses, name, queue, parentId, createdFrom, createdTo, page * size, size);
    }

    /** The statuses matched. */
    public Set<JobStatus> statuses() {
        return EnumSet.copyOf(statuses);
    }

    /** The type name, or null. */
    public String name() {
        return name;
    }

    /** The queue, or null. */
    public String queue() {
        return queue;
    }

    /** The parent id, or null. */
    public String parentId() {
        return parentId;
    }

    /** The earliest creation instant, or null. */
    public Instant createdFrom() {
        return createdFrom;
    }

    /** The creation instant bound (exclusive), or null. */
    public Instant createdTo() {
        return createdTo;
    }

    /** Jobs skipped before the page. */
    public int offset() {
        return offset;
    }

    /** The page size. */
    public int limit() {
        return limit;
    }
}
