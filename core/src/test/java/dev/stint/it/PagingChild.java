package dev.stint.it;

import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.Library;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * A child JVM (run with a small heap) that pages through every job of a library with
 * {@link JobQuery#after(JobInfo)} and prints {@code PAGED <jobs> <first id> <last id>}, or {@code DISORDER}
 * and exits 3 if two jobs come out of dispatch order or twice. Arguments: libraryDir pageSize
 */
public final class PagingChild {
    private static final Comparator<JobInfo> DISPATCH_ORDER =
            Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id);

    private PagingChild() {
    }

    public static void main(String[] args) {
        try (Library library = TestLibraries.builder(Path.of(args[0])).autoStart(false).open()) {
            JobQuery query = JobQuery.all().page(0, Integer.parseInt(args[1]));
            long count = 0;
            String first = null;
            JobInfo previous = null;
            for (List<JobInfo> page = library.query(query); !page.isEmpty();
                    page = library.query(query.after(page.get(page.size() - 1)))) {
                for (JobInfo job : page) {
                    if (previous != null && DISPATCH_ORDER.compare(previous, job) >= 0) {
                        System.out.println("DISORDER " + previous.id() + " before " + job.id());
                        System.exit(3);
                    }
                    if (first == null) {
                        first = job.id();
                    }
                    previous = job;
                    count++;
                }
            }
            System.out.println("PAGED " + count + " " + first + " " + (previous == null ? null : previous.id()));
        }
    }
}
