package dev.stint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A filter over a library's jobs, active and finished, with paging. Immutable; unset filters match
 * everything. Results come in dispatch order: by {@link JobInfo#createdAt() creation time}, then by
 * {@link JobInfo#id() id} (jobs created in the same millisecond come in id order), active and finished
 * jobs merged.
 *
 * <pre>{@code
 * List<JobInfo> failedImports = library.query(JobQuery.all().withStatus(JobStatus.FAILED)
 *         .withName("photos.import").createdBetween(lastWeek, now).page(0, 50));
 * }</pre>
 *
 * <p>To go through every job of a large library, page with {@link #after(JobInfo)} (keyset paging): each
 * page starts after the last job of the one before, costs the same wherever it is, and never shows a job
 * twice or skips one, even while jobs move from active to finished between pages. Only one page is held
 * in memory:
 *
 * <pre>{@code
 * JobQuery query = JobQuery.all().page(0, 500);
 * for (List<JobInfo> page = library.query(query); !page.isEmpty();
 *         page = library.query(query.after(page.get(page.size() - 1)))) {
 *     page.forEach(this::show);
 * }
 * }</pre>
 *
 * {@link #page(int, int) page(n, size)} alone skips {@code n * size} jobs, which costs a read of each
 * skipped job: fine for the first pages, slow deep into a large history.
 */
public final class JobQuery {
    private static final JobQuery ALL = new JobQuery(EnumSet.allOf(JobStatus.class), null, null, null, null, null,
            null, null, 0, 100, List.of());

    private final Set<JobStatus> statuses;
    private final String name;
    private final String queue;
    private final String parentId;
    private final Instant createdFrom;
    private final Instant createdTo;
    private final Instant afterCreatedAt;
    private final String afterId;
    private final int offset;
    private final int limit;
    private final List<String> tags;

    private JobQuery(Set<JobStatus> statuses, String name, String queue, String parentId, Instant createdFrom,
            Instant createdTo, Instant afterCreatedAt, String afterId, int offset, int limit, List<String> tags) {
        this.tags = tags;
        this.statuses = statuses;
        this.name = name;
        this.queue = queue;
        this.parentId = parentId;
        this.createdFrom = createdFrom;
        this.createdTo = createdTo;
        this.afterCreatedAt = afterCreatedAt;
        this.afterId = afterId;
        this.offset = offset;
        this.limit = limit;
    }

    /** Every job with this tag ({@link DispatchOptions#withTags}), first page of 100. */
    public static JobQuery tagged(String tag) {
        return ALL.withTag(tag);
    }

    /** Only jobs with this tag (and any tag asked for before: all of them). */
    public JobQuery withTag(String tag) {
        DispatchOptions.checkTag(tag);
        List<String> more = new ArrayList<>(tags);
        if (!more.contains(tag)) {
            more.add(tag);
        }
        return new JobQuery(statuses, name, queue, parentId, createdFrom, createdTo, afterCreatedAt, afterId, offset,
                limit, List.copyOf(more));
    }

    /** Every job, first page of 100. */
    public static JobQuery all() {
        return ALL;
    }

    /** Only jobs in one of these statuses. */
    public JobQuery withStatus(JobStatus first, JobStatus... more) {
        return new JobQuery(EnumSet.of(first, more), name, queue, parentId, createdFrom, createdTo,
                afterCreatedAt, afterId, offset, limit, tags);
    }

    /** Only jobs of this type. */
    public JobQuery withName(String name) {
        return new JobQuery(statuses, Objects.requireNonNull(name), queue, parentId, createdFrom, createdTo,
                afterCreatedAt, afterId, offset, limit, tags);
    }

    /** Only jobs of this queue. */
    public JobQuery withQueue(String queue) {
        return new JobQuery(statuses, name, Objects.requireNonNull(queue), parentId, createdFrom, createdTo,
                afterCreatedAt, afterId, offset, limit, tags);
    }

    /** Only children of this job. */
    public JobQuery withParent(String parentId) {
        return new JobQuery(statuses, name, queue, Objects.requireNonNull(parentId), createdFrom, createdTo,
                afterCreatedAt, afterId, offset, limit, tags);
    }

    /** Only jobs dispatched in {@code [from, to)}; either end may be null. */
    public JobQuery createdBetween(Instant from, Instant to) {
        return new JobQuery(statuses, name, queue, parentId, from, to, afterCreatedAt, afterId, offset, limit, tags);
    }

    /**
     * Only jobs after {@code last} in dispatch order: the next page after a page that ended with
     * {@code last} (see {@link JobQuery keyset paging}). Only the job's creation time and id count, so the
     * job itself may have changed or left the library since. Keeps the page size; the page starts right
     * after {@code last} (an earlier {@code after} or page number is dropped; a later
     * {@link #page(int, int) page(n, size)} skips {@code n * size} jobs from there). A job read from a
     * damaged row without a creation time or an id sorts first on that count, as the store orders it.
     */
    public JobQuery after(JobInfo last) {
        Objects.requireNonNull(last, "last");
        Instant createdAt = last.createdAt() == null ? Instant.ofEpochMilli(Long.MIN_VALUE) : last.createdAt();
        return new JobQuery(statuses, name, queue, parentId, createdFrom, createdTo, createdAt,
                last.id() == null ? "" : last.id(), 0, limit, tags);
    }

    /** Page {@code page} (from 0) of {@code size} jobs. */
    public JobQuery page(int page, int size) {
        if (page < 0 || size < 1 || size > 10_000) {
            throw new IllegalArgumentException("page must be >= 0 and size 1..10000, was " + page + ", " + size);
        }
        return new JobQuery(statuses, name, queue, parentId, createdFrom, createdTo, afterCreatedAt, afterId,
                page * size, size, tags);
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

    /** The creation time of the job the results start after (see {@link #after(JobInfo)}), or null. */
    public Instant afterCreatedAt() {
        return afterCreatedAt;
    }

    /** The id of the job the results start after (see {@link #after(JobInfo)}), or null. */
    public String afterId() {
        return afterId;
    }

    /** Jobs skipped before the page. */
    public int offset() {
        return offset;
    }

    /** The tags a job must all have; empty for any. */
    public List<String> tags() {
        return tags;
    }

    /**
     * Whether the query names tags and nothing else (any status, no name, queue, parent, time or paging
     * cursor): the form whose pause {@link Library#pause(JobQuery)} keeps for jobs dispatched later.
     */
    public boolean isTagsOnly() {
        return !tags.isEmpty() && statuses.containsAll(EnumSet.allOf(JobStatus.class)) && name == null && queue == null
                && parentId == null && createdFrom == null && createdTo == null && afterId == null;
    }

    /** The page size. */
    public int limit() {
        return limit;
    }
}
