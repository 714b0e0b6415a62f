package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobEvent;
import dev.stint.JobInfo;
import dev.stint.testkit.JobInfos;
import dev.stint.JobListener;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.Subscription;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Children are grouped under their parent by {@link JobInfo#parentId()}. Core does not dispatch child jobs
 * yet, so a stand-in library serves records that carry a parent id.
 */
class FxJobsTreeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final Map<String, JobInfo> records = new ConcurrentHashMap<>();
    private final AtomicReference<JobListener> listener = new AtomicReference<>();

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    @Test
    void childrenAreGroupedUnderTheirParentAtLoadAndWhenTheyArrive() {
        put("parent", null, JobStatus.RUNNING, 0);
        put("child-1", "parent", JobStatus.COMPLETED, 1);
        put("child-2", "parent", JobStatus.RUNNING, 2);
        put("other", null, JobStatus.QUEUED, 3);
        FxJobs jobs = Fx.fx(() -> new FxJobs(library()));

        assertThat(Fx.fx(() -> ids(jobs.roots()))).containsExactly("parent", "other");
        FxJob parent = jobs.find("parent").orElseThrow();
        assertThat(Fx.fx(() -> ids(parent.children()))).containsExactly("child-1", "child-2");
        assertThat(Fx.fx(() -> ids(jobs.all()))).containsExactly("parent", "child-1", "child-2", "other");

        // a new child: the event carries no parent; its record, read after the event, does
        put("child-3", "parent", JobStatus.QUEUED, 4);
        listener.get().onEvent(new JobEvent.StatusChanged("child-3", "test.child", null, JobStatus.QUEUED, null));

        Fx.until("the new child moves under its parent", () -> ids(parent.children()).contains("child-3"));
        assertThat(Fx.fx(() -> ids(jobs.roots()))).containsExactly("parent", "other");
        assertThat(Fx.fx(() -> ids(parent.children()))).containsExactly("child-1", "child-2", "child-3");
        assertThat(Fx.fx(() -> jobs.find("child-3").orElseThrow().parentIdProperty().get())).isEqualTo("parent");
        jobs.close();
    }

    @Test
    void childJobsSpawnedByARealJobShowUnderTheirParent(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        try (Library library = TestJobs.open(dir, true)) {
            FxJobs jobs = Fx.fx(() -> new FxJobs(library));
            String gate = TestJobs.gate("tree");
            String parentId = library.dispatch(new TestJobs.ParentJob(gate)).id();

            Fx.until("two children under the parent", () -> jobs.find(parentId)
                    .map(p -> p.children().size() == 2).orElse(false));
            FxJob parent = jobs.find(parentId).orElseThrow();
            assertThat(Fx.fx(() -> ids(jobs.roots()))).containsExactly(parentId);
            assertThat(Fx.fx(() -> jobs.all().size())).isEqualTo(3);
            Fx.until("the parent waits for its children", () -> parent.noteProperty().get()
                    .equals("waiting for its child jobs"));
            Fx.until("the children run", () -> parent.children().stream()
                    .allMatch(c -> c.getStatus() == JobStatus.RUNNING));

            TestJobs.open(gate);
            Fx.until("all done", () -> parent.getStatus() == JobStatus.COMPLETED
                    && parent.children().stream().allMatch(c -> c.getStatus() == JobStatus.COMPLETED));
            assertThat(Fx.fx(parent::getProgress)).isEqualTo(1.0);
            jobs.close();
        }
    }

    private static List<String> ids(List<FxJob> jobs) {
        return jobs.stream().map(FxJob::id).toList();
    }

    private void put(String id, String parentId, JobStatus status, int minute) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("id", id, "name", "test.child", "version", 1,
                "status", status, "createdAt", T0.plusSeconds(60L * minute), "queue", "default", "maxAttempts", 1,
                "runTime", Duration.ZERO));
        values.put("parentId", parentId);
        records.put(id, JobInfos.of(values));
    }

    /** The records a query selects: its statuses, in dispatch order, after its cursor, one page. */
    private List<JobInfo> query(dev.stint.JobQuery query) {
        return records.values().stream().filter(r -> query.statuses().contains(r.status()))
                .sorted(java.util.Comparator.comparing(JobInfo::createdAt).thenComparing(JobInfo::id))
                .filter(r -> query.afterId() == null || r.createdAt().isAfter(query.afterCreatedAt())
                        || r.createdAt().equals(query.afterCreatedAt()) && r.id().compareTo(query.afterId()) > 0)
                .skip(query.offset()).limit(query.limit()).toList();
    }

    /** A library that serves {@link #records} and hands its listener to the test. */
    private Library library() {
        return (Library) Proxy.newProxyInstance(Library.class.getClassLoader(), new Class<?>[] {Library.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "activeJobs" -> records.values().stream().filter(r -> !r.status().isTerminal()).toList();
                    case "history" -> records.values().stream().filter(r -> r.status().isTerminal()).toList();
                    case "query" -> query((dev.stint.JobQuery) args[0]);
                    case "job" -> Optional.ofNullable(records.get((String) args[0]));
                    case "subscribe" -> {
                        listener.set((JobListener) args[0]);
                        yield (Subscription) () -> listener.set(null);
                    }
                    case "dir" -> Path.of("stand-in");
                    case "toString" -> "stand-in library";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
