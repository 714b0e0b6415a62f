package dev.stint.sample.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's retry: a finished demo job is dispatched again with its arguments, even after a restart. */
class DispatchesTest {

    @TempDir
    Path dir;

    @Test
    void aCancelledDemoJobIsRetriedWithTheSameArgumentsAfterARestart() {
        String id;
        try (Library library = SampleLibraries.builder(dir).autoStart(false).open()) {
            id = new Dispatches(library).dispatch(DemoJob.DELAYED, DemoJob.DELAYED.json());
            library.cancel(id);
        }
        try (Library library = SampleLibraries.builder(dir).autoStart(false).open()) {
            JobInfo cancelled = library.job(id).orElseThrow();
            assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);

            String again = new Dispatches(library).retry(cancelled);

            JobInfo retried = library.job(again).orElseThrow();
            assertThat(again).isNotEqualTo(id);
            assertThat(retried.name()).isEqualTo("demo.count");
            assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(retried.runAt()).as("a retry runs now").isNull();
            assertThat(retried.initiator()).as("the options came along").isEqualTo("gui");
            assertThat(retried.retryOf()).isEqualTo(id);
        }
    }

    @Test
    void aJobThisWindowDidNotDispatchIsRetriedToo() {
        try (Library library = SampleLibraries.builder(dir).autoStart(false).open()) {
            String id = library.dispatch("demo.flaky", "{\"failTimes\": 1}").id();
            library.cancel(id);
            JobInfo cancelled = library.job(id).orElseThrow();
            String again = new Dispatches(library).retry(cancelled);
            assertThat(library.job(again).orElseThrow().name()).isEqualTo("demo.flaky");
        }
    }

    @Test
    void aJobStillActiveIsNotRetried() {
        try (Library library = SampleLibraries.builder(dir).autoStart(false).open()) {
            String id = new Dispatches(library).dispatch(DemoJob.DELAYED, DemoJob.DELAYED.json());
            JobInfo queued = library.job(id).orElseThrow();
            assertThatThrownBy(() -> new Dispatches(library).retry(queued))
                    .isInstanceOf(dev.stint.JobNotRetryableException.class).hasMessageContaining("it is queued");
        }
    }

    @Test
    void everyDemoJobDispatches() {
        try (Library library = SampleLibraries.builder(dir).autoStart(false).open()) {
            Dispatches dispatches = new Dispatches(library);
            for (DemoJob demo : DemoJob.values()) {
                String json = demo == DemoJob.HASH ? "{\"folder\": \"" + dir + "\"}" : demo.json();
                String id = dispatches.dispatch(demo, json);
                assertThat(library.job(id).orElseThrow().name()).isEqualTo(demo.jobName());
            }
        }
    }
}
