package dev.stint.it;

import dev.stint.Library;
import dev.stint.LibraryMetrics;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;

/**
 * A child JVM for {@link MetricsWithoutRecordingTest}: opens a library with no flags, runs {@link QuietChild}'s
 * job (three checkpoints), takes {@link Library#metrics()} and prints one line on stdout with what it counted
 * and whether Flight Recorder was ever started in this JVM. It prints nothing else.
 */
public final class MetricsQuietChild {
    private MetricsQuietChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Library library = Library.builder(Path.of(args[0])).catalog(JobCatalog.of(QuietChild.QuietJob.class))
                .useServiceLoader(false).open()) {
            library.dispatch(new QuietChild.QuietJob()).result().get();
            // a run is counted when its thread has recorded it, just after its result is settled
            library.awaitIdle(java.time.Duration.ofSeconds(30));
            LibraryMetrics m = library.metrics();
            System.out.println("METRICS dispatched=" + m.dispatched() + " started=" + m.started() + " completed="
                    + m.completed() + " checkpoints=" + m.checkpointLatency().count() + " batches>0="
                    + (m.commitBatches().count() > 0) + " flightRecorder=" + jdk.jfr.FlightRecorder.isInitialized());
        }
    }
}
