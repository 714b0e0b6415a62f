package dev.stint.sample.cli;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Every job of a library, active and finished, in dispatch order (creation time, then id), read a page at a
 * time: however many jobs the library holds, one page is in memory. Each iteration reads the library again. A
 * library in this process is read with {@link JobQuery#after(JobInfo)} (keyset paging: never a job twice or
 * skipped while jobs finish between pages); the process that holds a library answers numbered pages
 * ({@link #numbered}), which is what its control endpoint takes.
 */
final class JobPages implements Iterable<JobInfo> {
    /** Jobs per read: a few hundred KiB to a few MiB of records at realistic sizes. */
    static final int PAGE_SIZE = 256;

    private final Function<JobQuery, List<JobInfo>> library;
    private final JobQuery query;
    private final boolean keyset;

    JobPages(Function<JobQuery, List<JobInfo>> library) {
        this(library, PAGE_SIZE, true);
    }

    private JobPages(Function<JobQuery, List<JobInfo>> library, int pageSize, boolean keyset) {
        this.library = library;
        this.query = JobQuery.all().page(0, pageSize);
        this.keyset = keyset;
    }

    /** Pages read by number ({@link JobQuery#page(int, int)}) instead of after the last job of the one before. */
    static JobPages numbered(Function<JobQuery, List<JobInfo>> library) {
        return new JobPages(library, PAGE_SIZE, false);
    }

    @Override
    public Iterator<JobInfo> iterator() {
        return new Iterator<>() {
            private List<JobInfo> page = library.apply(query);
            private int number;
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == query.limit()) {
                    number++;
                    page = library.apply(keyset ? query.after(page.get(page.size() - 1))
                            : query.page(number, query.limit()));
                    next = 0;
                }
                return next < page.size();
            }

            @Override
            public JobInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }
}
