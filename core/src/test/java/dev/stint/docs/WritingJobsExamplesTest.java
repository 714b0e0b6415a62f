package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ChildFailurePolicy;
import dev.stint.ChildResult;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.MigratesFrom;
import dev.stint.StopReason;
import dev.stint.TypeRef;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job example of docs/writing-jobs.md, compiled and run through a pause and a resume: each job is
 * dispatched, held at a gate inside its work, paused there, the library closed and opened again (so everything
 * the job continues with is read back from {@code jobs.db}), resumed, and its output compared with what an
 * uninterrupted run gives. The job classes below are the documentation's code; keep them in sync (the section of
 * the guide is named above each).
 */
class WritingJobsExamplesTest {

    /** Work done by the examples' helper methods, in order: nothing may be done twice. */
    static final List<String> WORK = Collections.synchronizedList(new ArrayList<>());

    /** Holds the first job that reaches it until the test has asked for the pause. */
    static final class Gate {
        static volatile CountDownLatch reached = new CountDownLatch(1);
        static volatile CountDownLatch release = new CountDownLatch(1);
        static volatile boolean armed;

        static void arm() {
            reached = new CountDownLatch(1);
            release = new CountDownLatch(1);
            armed = true;
        }

        /** Called by the examples' work at the point where the test pauses the job. */
        static void pass() {
            if (!armed) {
                return;
            }
            armed = false;
            reached.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- §1 Define a job (and §5 Checkpoint) -------------------------------------------------------------

    @JobType(name = "photos.thumbnails", version = 1)
    public static class ThumbnailJob implements Job<Integer> {
        List<String> files;   // state: the arguments...
        int next;             // ...and how far it got

        public ThumbnailJob() {
        }

        public ThumbnailJob(List<String> files) {
            this.files = files;
        }

        @Override
        public Integer run(JobContext ctx) {
            for (; next < files.size(); next++) {
                ctx.checkInterrupted();                  // pause, cancel, shutdown stop here
                makeThumbnail(files.get(next));
                ctx.reportCount(next + 1, files.size()); // cheap: coalesced for listeners
                if ((next + 1) % 100 == 0) {
                    ctx.checkpoint();                    // committed before it returns
                }
            }
            return files.size();
        }
    }

    static void makeThumbnail(String file) {
        WORK.add(file);
        if (file.equals("150.jpg")) {
            Gate.pass();
        }
    }

    // ---- §4 Report progress, §7 Errors and logging --------------------------------------------------------

    @JobType(name = "photos.index", version = 1)
    public static class IndexJob implements Job<Long> {
        long done;

        @Override
        public Long run(JobContext ctx) {
            long read = 512;
            long size = -1;
            long total = 40;
            ctx.reportCount(done, total);
            ctx.reportPercent(0.42);
            ctx.reportBytes(read, size);                         // size -1 when unknown
            ctx.reportIndeterminate("scanning /photos");
            ctx.reportPhase("index", Map.of("done", 10, "total", 40, "folder", "/photos"));
            for (; done < total; done++) {
                ctx.checkInterrupted();
                index(done);
                if (done == 7) {
                    ctx.reportNonCriticalError("skipped locked file x");
                }
                ctx.log().info("imported {} of {}", done, total);
            }
            return done;
        }
    }

    static void index(long item) {
        WORK.add("index " + item);
        if (item == 20) {
            Gate.pass();
        }
    }

    // ---- §11 Steps, phases and batches -------------------------------------------------------------------

    @JobType(name = "photos.scan", version = 1)
    public static class ScanJob implements Job<Integer> {
        Path root;
        int made;

        public ScanJob() {
        }

        public ScanJob(Path root) {
            this.root = root;
        }

        enum Phase { HASH, INDEX }

        @Override
        public Integer run(JobContext ctx) throws Exception {
            List<Path> files = ctx.step("discover", new TypeRef<List<Path>>() {}, () -> scan(root)); // runs once
            ctx.step("thumbnails", () -> makeThumbnails(files));                  // a step without a result
            ctx.phases(Phase.class, phase -> WORK.add("phase " + phase));
            List<Path> items = files;
            ctx.batches("import", items, 100, (chunk, index) -> importAll(chunk));
            return made;
        }

        private void makeThumbnails(List<Path> files) {
            for (Path file : files) {    // a ClassCastException here if the step came back as strings
                WORK.add("thumbnail " + file.getFileName());
                made++;
            }
        }
    }

    static List<Path> scan(Path root) {
        WORK.add("scan " + root);
        List<Path> files = IntStream.range(0, 250).mapToObj(i -> root.resolve(i + ".jpg")).toList();
        Gate.pass(); // paused while the first step runs: it commits, and the job stops before the next one
        return files;
    }

    static void importAll(List<Path> chunk) {
        WORK.add("import " + chunk.get(0).getFileName() + ".." + chunk.get(chunk.size() - 1).getFileName());
    }

    // ---- §12 Intermediate results ------------------------------------------------------------------------

    @JobType(name = "photos.hash", version = 1)
    public static class HashAllJob implements Job<String> {
        boolean scanned;

        @Override
        public String run(JobContext ctx) {
            if (!scanned) {
                ctx.mergeResults(Map.of("scanned", 1200, "phase", "hashing"));   // committed before it returns
                scanned = true;
                ctx.checkpoint();
            }
            hash("all");
            ctx.checkInterrupted();
            Map<String, Object> sofar = ctx.results();                        // also after a resume
            return sofar.get("scanned") + " " + sofar.get("phase");
        }
    }

    static void hash(String what) {
        WORK.add("hash " + what);
        Gate.pass();
    }

    // ---- §13 Child jobs ----------------------------------------------------------------------------------

    @JobType(name = "photos.hash-one", version = 1)
    public static class HashJob implements Job<String> {
        String file;
        boolean hashed;

        public HashJob() {
        }

        public HashJob(String file) {
            this.file = file;
        }

        @Override
        public String run(JobContext ctx) {
            if (!hashed) {
                hash(file);
                hashed = true;
            }
            ctx.checkInterrupted();
            return "#" + file;
        }
    }

    @JobType(name = "photos.hash-tree", version = 1)
    public static class HashTreeJob implements Job<Integer> {
        String a = "a.jpg";
        String b = "b.jpg";

        @Override
        public Integer run(JobContext ctx) {
            List<String> ids = ctx.spawn(List.of(new HashJob(a), new HashJob(b)));   // one transaction with our state
            List<ChildResult> done = ctx.awaitChildren(ids, ChildFailurePolicy.FAIL_PARENT);
            return (int) done.stream().filter(ChildResult::succeeded).count();
        }
    }

    // ---- §14 Versions and migrations ---------------------------------------------------------------------

    /** The same job as stored by the version before: its state names the folder {@code folder}. */
    public static final class Before {
        @JobType(name = "photos.import", version = 1)
        public static class ImportJob implements Job<Summary> {
            String folder;
            int next;

            public ImportJob() {
            }

            public ImportJob(String folder) {
                this.folder = folder;
            }

            @Override
            public Summary run(JobContext ctx) {
                for (; next < 10; next++) {
                    ctx.checkInterrupted();
                    WORK.add("import v1 " + next);
                    if (next == 4) {
                        Gate.pass();
                    }
                }
                return new Summary(folder, -1, next);
            }
        }
    }

    public record Summary(String source, int limit, int imported) {
    }

    @JobType(name = "photos.import", version = 2)
    public static class ImportJob implements Job<Summary> {
        String source;      // was "folder" in version 1
        int limit;          // new in version 2
        int next;

        @MigratesFrom(1)
        static ObjectNode renameFolder(ObjectNode v1) {
            v1.set("source", v1.remove("folder"));
            v1.put("limit", 1000);
            return v1;
        }

        @Override
        public Summary run(JobContext ctx) {
            for (; next < 10; next++) {
                ctx.checkInterrupted();
                WORK.add("import v2 " + next);
            }
            return new Summary(source, limit, next);
        }
    }

    // ---- the harness -------------------------------------------------------------------------------------

    @TempDir
    Path dir;

    @BeforeEach
    void clear() {
        WORK.clear();
        Gate.armed = false;
    }

    @SafeVarargs
    private static Library open(Path dir, Class<? extends Job<?>>... types) {
        return Library.builder(dir).catalog(new TestCatalog(types)).useServiceLoader(false).powerSafe(false)
                .shutdownTimeout(Duration.ofSeconds(5)).open();
    }

    /** Dispatches the job, pauses it at the gate, closes the library: returns the job's id. */
    @SafeVarargs
    private String dispatchAndPauseAtTheGate(Job<?> job, Class<? extends Job<?>>... types) throws Exception {
        return dispatchAndPauseAtTheGate(job, info -> true, types);
    }

    /** ... once the job, its gate reached, is {@code ready} to be paused. */
    @SafeVarargs
    private String dispatchAndPauseAtTheGate(Job<?> job, java.util.function.Predicate<JobInfo> ready,
            Class<? extends Job<?>>... types) throws Exception {
        Gate.arm();
        try (Library library = open(dir, types)) {
            String id = library.dispatch(job).id();
            assertThat(Gate.reached.await(30, TimeUnit.SECONDS)).as("the job reached the gate").isTrue();
            await().atMost(Duration.ofSeconds(30)).until(() -> ready.test(library.job(id).orElseThrow()));
            library.pause(id);
            Gate.release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> library.job(id).orElseThrow().status()
                    == JobStatus.PAUSED);
            return id;
        }
    }

    /** Opens the library again, checks the job is still paused, resumes it and returns its output. */
    @SafeVarargs
    private <O> O reopenAndResume(String id, Class<O> output, Class<? extends Job<?>>... types) throws Exception {
        try (Library library = open(dir, types)) {
            JobInfo paused = library.job(id).orElseThrow();
            assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
            assertThat(paused.stopReason()).isEqualTo(StopReason.PAUSE);
            library.resume(id);
            O result = library.handle(id, output).orElseThrow().result().get(30, TimeUnit.SECONDS);
            assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            return result;
        }
    }

    @Test
    void section_1_the_thumbnail_job_resumes_after_the_item_it_was_paused_on() throws Exception {
        List<String> files = IntStream.range(0, 250).mapToObj(i -> i + ".jpg").toList();
        String id = dispatchAndPauseAtTheGate(new ThumbnailJob(files), ThumbnailJob.class);
        assertThat(WORK).hasSize(151);

        assertThat(reopenAndResume(id, Integer.class, ThumbnailJob.class)).isEqualTo(250);
        assertThat(WORK).containsExactlyElementsOf(files);
    }

    @Test
    void sections_4_and_7_progress_errors_and_logging_survive_a_resume() throws Exception {
        String id = dispatchAndPauseAtTheGate(new IndexJob(), IndexJob.class);
        assertThat(reopenAndResume(id, Long.class, IndexJob.class)).isEqualTo(40L);
        assertThat(WORK).containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "index " + i).toList());
        try (Library library = open(dir, IndexJob.class)) {
            assertThat(library.job(id).orElseThrow().nonCriticalErrors()).extracting(e -> e.message())
                    .containsExactly("skipped locked file x");
        }
    }

    @Test
    void section_11_a_step_result_of_paths_comes_back_as_paths_after_a_resume() throws Exception {
        Path root = Path.of("photos");   // relative: it must come back relative
        String id = dispatchAndPauseAtTheGate(new ScanJob(root), ScanJob.class);
        assertThat(WORK).containsExactly("scan photos");

        assertThat(reopenAndResume(id, Integer.class, ScanJob.class)).isEqualTo(250);
        assertThat(WORK).first().isEqualTo("scan photos");
        assertThat(WORK).filteredOn(w -> w.startsWith("scan")).hasSize(1);        // the step never ran twice
        assertThat(WORK).filteredOn(w -> w.startsWith("thumbnail")).hasSize(250)
                .contains("thumbnail 0.jpg", "thumbnail 249.jpg");
        assertThat(WORK).containsSubsequence("phase HASH", "phase INDEX", "import 0.jpg..99.jpg",
                "import 100.jpg..199.jpg", "import 200.jpg..249.jpg");
    }

    @Test
    void section_12_intermediate_results_are_there_after_a_resume() throws Exception {
        String id = dispatchAndPauseAtTheGate(new HashAllJob(), HashAllJob.class);
        assertThat(reopenAndResume(id, String.class, HashAllJob.class)).isEqualTo("1200 hashing");
    }

    @Test
    void section_13_a_parent_paused_while_its_children_run_completes_after_a_resume() throws Exception {
        // paused once its run has ended in awaitChildren (waiting without a worker), while a child runs
        String id = dispatchAndPauseAtTheGate(new HashTreeJob(), info -> info.stopReason() == StopReason.WAITING,
                HashTreeJob.class, HashJob.class);
        assertThat(reopenAndResume(id, Integer.class, HashTreeJob.class, HashJob.class)).isEqualTo(2);
        assertThat(WORK).containsExactlyInAnyOrder("hash a.jpg", "hash b.jpg");
    }

    @Test
    void section_14_a_job_paused_by_the_old_version_resumes_migrated_in_the_new_one() throws Exception {
        String id = dispatchAndPauseAtTheGate(new Before.ImportJob("/photos"), Before.ImportJob.class);
        Summary summary = reopenAndResume(id, Summary.class, ImportJob.class);
        assertThat(summary).isEqualTo(new Summary("/photos", 1000, 10));
        assertThat(WORK).containsExactly("import v1 0", "import v1 1", "import v1 2", "import v1 3", "import v1 4",
                "import v2 5", "import v2 6", "import v2 7", "import v2 8", "import v2 9");
    }
}
