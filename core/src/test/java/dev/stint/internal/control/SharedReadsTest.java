package dev.stint.internal.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Identical reads at once are read once, never with an answer older than the request. */
class SharedReadsTest {

    /** A read that says which read it was (1, 2, ...), and can be held while it runs. */
    private static final class CountingRead {
        final AtomicInteger started = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final CountDownLatch firstRunning = new CountDownLatch(1);

        ControlResponse read() {
            int n = started.incrementAndGet();
            firstRunning.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ControlResponse.json(200, String.valueOf(n).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String body(ControlResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void requests_that_come_while_a_read_runs_share_the_next_read_and_never_the_running_one() throws Exception {
        SharedReads reads = new SharedReads();
        CountingRead read = new CountingRead();
        read.hold = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ControlResponse> first = threads.submit(() -> reads.read("/v1/counts", read::read));
            assertThat(read.firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
            // 50 requests arrive while read 1 runs: read 1 started before them, so none may get its answer
            List<Future<ControlResponse>> later = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                later.add(threads.submit(() -> reads.read("/v1/counts", read::read)));
            }
            // all 51 are in: read 1 running, 50 waiting behind it
            while (reads.requests("/v1/counts") < 51) {
                Thread.yield();
            }
            assertThat(read.started.get()).isEqualTo(1);
            read.hold.countDown();
            assertThat(body(first.get(10, TimeUnit.SECONDS))).isEqualTo("1");
            for (Future<ControlResponse> f : later) {
                assertThat(body(f.get(10, TimeUnit.SECONDS))).isEqualTo("2");
            }
        }
        assertThat(read.started.get()).isEqualTo(2);
        assertThat(reads.slotsInUse()).isZero();
    }

    @Test
    void different_keys_are_read_apart_and_a_quiet_key_reads_afresh() {
        SharedReads reads = new SharedReads();
        CountingRead read = new CountingRead();
        assertThat(body(reads.read("/v1/counts", read::read))).isEqualTo("1");
        assertThat(body(reads.read("/v1/jobs?status=queued", read::read))).isEqualTo("2");
        assertThat(body(reads.read("/v1/counts", read::read))).isEqualTo("3");
        assertThat(reads.slotsInUse()).isZero();
    }

    @Test
    void a_failed_read_fails_every_request_that_shared_it_and_the_next_one_reads_again() throws Exception {
        SharedReads reads = new SharedReads();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ControlResponse> first = threads.submit(() -> reads.read("k", () -> {
                calls.incrementAndGet();
                running.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw ApiProblem.badRequest("first");
            }));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiProblem.class);
        }
        assertThatThrownBy(() -> reads.read("k", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("second");
        })).isInstanceOf(IllegalStateException.class).hasMessage("second");
        assertThat(calls.get()).isEqualTo(2);
        assertThat(reads.slotsInUse()).isZero();
    }
}
