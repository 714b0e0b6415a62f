package dev.stint.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.DispatchOptions;
import dev.stint.JobInfo;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.RemoteEvent;
import dev.stint.RemoteLibrary;
import dev.stint.jobs.TestCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of docs/control-api.md, compiled and run (the job name and queue are the test catalog's
 * instead of the guide's {@code photos.import}). Keep them in sync.
 */
class ControlApiExamplesTest {
    @TempDir
    Path dir;

    private final List<RemoteEvent> shown = new CopyOnWriteArrayList<>();

    @Test
    void the_guide_examples_run() {
        // --- Turning it on ---
        Library library = Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).queue("imports", 1)
                .controlEndpoint(ControlEndpoint.loopback())     // 127.0.0.1, a free port, default caps
                .open();
        URI uri = library.controlUri().orElseThrow();            // http://127.0.0.1:PORT
        assertThat(uri.toString()).startsWith("http://127.0.0.1:");
        try (library) {
            // --- From Java: RemoteLibrary ---
            try (RemoteLibrary remote = RemoteLibrary.find(dir).orElseThrow()) {   // empty: no live endpoint there
                JobInfo job = remote.dispatch("test.count", "{\"to\":1000000,\"sleepMicros\":100}",
                        DispatchOptions.defaults().withQueue("imports"));
                remote.pause(job.id());
                List<JobInfo> running = remote.query(JobQuery.all().withStatus(JobStatus.RUNNING));
                RemoteLibrary.EventStream events = remote.events(event -> shown.add(event));   // status + progress
                RemoteLibrary.DashboardTicket ticket = remote.dashboardTicket();           // a one-use browser link

                assertThat(running).allSatisfy(j -> assertThat(j.status()).isEqualTo(JobStatus.RUNNING));
                assertThat(ticket.url().toString()).startsWith(uri + "/login?ticket=");
                assertThat(events.ended()).isNotDone();
                assertThat(library.job(job.id()).orElseThrow().status()).isIn(JobStatus.PAUSED, JobStatus.RUNNING);
            }
        }
    }
}
