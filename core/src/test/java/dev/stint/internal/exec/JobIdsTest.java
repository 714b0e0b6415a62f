package dev.stint.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobIdsTest {
    @Test
    void ids_are_version_7_uuids_that_carry_their_time_and_count_up_within_a_millisecond() {
        // the real clock: the generator is the process's, and never goes back to an earlier millisecond
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(JobIds.next(now));
        }
        for (String id : ids) {
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.getMostSignificantBits() >>> 16).isBetween(now, now + 1000);
        }
        // one after the other in the id indexes: text order is creation order
        assertThat(ids).isSorted();
        assertThat(new HashSet<>(ids)).hasSize(ids.size());
    }

    @Test
    void a_clock_that_goes_back_never_gives_an_id_that_sorts_before_an_earlier_one() {
        long now = System.currentTimeMillis();
        String first = JobIds.next(now);
        String afterJump = JobIds.next(now - 60_000);
        String later = JobIds.next(now + 1);
        assertThat(afterJump).isGreaterThan(first);
        assertThat(later).isGreaterThan(afterJump);
    }

    @Test
    void ids_from_many_threads_never_repeat() throws Exception {
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 5_000; i++) {
                    ids.add(JobIds.next(System.currentTimeMillis()));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ids).hasSize(40_000);
    }
}
