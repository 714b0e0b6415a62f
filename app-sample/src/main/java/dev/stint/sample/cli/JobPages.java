package dev.stint.sample.cli;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Every job of a library, active and finished, in dispatch order (creation time, then id), read a page at a
 * time with {@link JobQuery#after(JobInfo)}: however many jobs the library holds, one page is in memory. Each
 * iteration reads the library again. The pages come from a library in this process ({@code Library::query}) or
 * from the process that holds it ({@code RemoteLibrary::query}).
 */
final class JobPages implements Iterable<JobInfo> {
    /** Jobs per read: a few hundred KiB to a few MiB of records at realistic sizes. */
    static final int PAGE_SIZE = 256;

    private final Function<JobQuery, List<JobInfo>> library;
    private final JobQuery query;

    JobPages(Function<JobQuery, List<JobInfo>> library) {
        this(library, PAGE_SIZE);
    }

    JobPages(Function<JobQuery, List<JobInfo>> library, int pageSize) {
        this.library = library;
        this.query = JobQuery.all().page(0, pageSize);
    }

    @Override
    public Iterator<JobInfo> iterator() {
        return new Iterator<>() {
            private List<JobInfo> page = library.apply(query);
            private int next;

            @Override
            public boolean hasNext() {
                if (next == page.size() && page.size() == query.limit()) {
                    page = library.apply(query.after(page.get(page.size() - 1)));
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
