package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.ProgressGroup;
import dev.stint.Resource;
import dev.stint.jobs.TestCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of docs/run-conditions.md, compiled and run; {@link #the_guide_shows_these_examples} checks that
 * the guide holds each example between the markers below, line for line.
 */
class RunConditionsExamplesTest {
    @JobType(name = "docs.import")
    public static class ImportJob implements Job<String> {
        String file;

        public ImportJob() {
        }

        public ImportJob(String file) {
            this.file = file;
        }

        @Override
        public String run(JobContext ctx) {
            return file;
        }
    }

    @JobType(name = "docs.thumbnail")
    public static class ThumbnailJob extends ImportJob {
        public ThumbnailJob() {
        }

        public ThumbnailJob(String file) {
            super(file);
        }
    }

    @JobType(name = "docs.upload")
    public static class UploadJob extends ImportJob {
        public UploadJob() {
        }

        public UploadJob(String file) {
            super(file);
        }
    }

    @JobType(name = "docs.fetch")
    public static class FetchJob extends ImportJob {
        public FetchJob() {
        }

        public FetchJob(String url) {
            super(url);
        }
    }

    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private Library open() {
        return Library.builder(dir).catalog(new TestCatalog(ImportJob.class, ThumbnailJob.class, UploadJob.class,
                FetchJob.class)).useServiceLoader(false).powerSafe(false).open();
    }

    @Test
    void resources_and_keys_and_rate_limits() throws Exception {
        List<String> files = List.of("1.jpg", "2.jpg", "3.jpg");
        try (Library library = open()) {
            // --- example: resources begin ---
            Path album = library.dir().resolve("albums/42");
            library.dispatch(new ImportJob("a.jpg"), DispatchOptions.defaults()
                    .withResources(Resource.path(album, Resource.Mode.WRITE)));
            library.dispatch(new ThumbnailJob("a.jpg"), DispatchOptions.defaults()
                    .withResources(Resource.path(album.resolve("a.jpg"), Resource.Mode.READ)));
            // --- example: resources end ---
            // --- example: keys begin ---
            for (String file : files) {
                library.dispatch(new UploadJob(file), DispatchOptions.defaults().withConcurrencyKey("account:42", 1));
            }
            // --- example: keys end ---
            // --- example: rate begin ---
            library.dispatch(new FetchJob("https://example.org/a"), DispatchOptions.defaults()
                    .withRateLimit("example.org", 2, Duration.ofSeconds(1)));
            // --- example: rate end ---
            assertThat(library.awaitIdle(Duration.ofSeconds(20))).isTrue();
            assertThat(library.query(JobQuery.all().withStatus(JobStatus.COMPLETED))).hasSize(6);
        }
    }

    @Test
    void tags_and_grouped_progress() throws Exception {
        try (Library library = open()) {
            library.pauseQueue("default");
            // --- example: tags begin ---
            library.dispatch(new ImportJob("a.jpg"), DispatchOptions.defaults().withTags("album:42"));
            library.pause(JobQuery.tagged("album:42"));   // these jobs, and jobs dispatched with the tag later
            library.resume(JobQuery.tagged("album:42"));  // lifts it
            library.cancel(JobQuery.tagged("album:42"));  // cancels what is active now
            // --- example: tags end ---
            assertThat(library.query(JobQuery.tagged("album:42").withStatus(JobStatus.CANCELLED))).hasSize(1);
            library.dispatch(new ImportJob("b.jpg"), DispatchOptions.defaults().withTags("album:42"));
            library.resumeQueue("default");
            // --- example: progress begin ---
            try (ProgressGroup group = library.progress(JobQuery.tagged("album:42"))) {
                group.subscribe(p -> System.out.printf("album 42: %.0f%% (%d of %d jobs)%n",
                        p.fraction() * 100, p.finished(), p.jobs()));
                library.awaitIdle(Duration.ofMinutes(1));
            }
            // --- example: progress end ---
        }
    }

    @Test
    void the_guide_shows_these_examples() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/stint/docs/RunConditionsExamplesTest.java"));
        String guide = Files.readString(Path.of("../docs/run-conditions.md"));
        Matcher m = Pattern.compile("// --- example: (\\w+) begin ---\\n(.*?)\\n\\s*// --- example: \\1 end ---",
                Pattern.DOTALL).matcher(source);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
            String example = m.group(2).lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
            String flatGuide = guide.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("");
            assertThat(flatGuide).as("docs/run-conditions.md shows the example '%s'", m.group(1)).contains(example);
        }
        assertThat(names).contains("resources", "keys", "rate", "tags", "progress");
    }
}
