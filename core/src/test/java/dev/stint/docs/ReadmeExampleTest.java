package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobHandle;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.jobs.TestCatalog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of README.md and docs/writing-jobs.md, compiled and run. Keep them in sync. */
class ReadmeExampleTest {

    // --- README example: begin ---
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
    // --- README example: end ---

    static void makeThumbnail(String file) {
        // the example's work
    }

    @TempDir
    Path dir;

    @Test
    void the_readme_example_runs() throws Exception {
        @SuppressWarnings("unchecked")
        TestCatalog catalog = new TestCatalog(ThumbnailJob.class);
        // --- README usage: begin ---
        try (Library library = Library.builder(dir).catalog(catalog).open()) {
            JobHandle<Integer> handle = library.dispatch(new ThumbnailJob(List.of("a.jpg", "b.jpg")));
            handle.subscribe(event -> System.out.println(event));
            assertThat(handle.result().join()).isEqualTo(2);
        }
        // --- README usage: end ---
    }
}
