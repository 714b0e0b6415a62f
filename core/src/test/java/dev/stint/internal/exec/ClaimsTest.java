package dev.stint.internal.exec;

import dev.stint.JobStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Free slots, claiming, claim-ahead and the hand-back, on a real jobs.db. */
class ClaimsTest {
    @TempDir
    Path dir;

    @Test
    void a_queue_claims_as_many_jobs_as_it_has_free_workers() {
        try (Rooms rooms = new Rooms(dir, Map.of("default", 2, "other", 1), 0)) {
            for (int i = 0; i < 5; i++) {
                rooms.insert("default", 1);
            }
            assertThat(rooms.claim()).hasSize(2);
            assertThat(rooms.runs.size()).isEqualTo(2);
            assertThat(rooms.claims.anyFreeSlot()).isTrue(); // "other" has a free worker
            assertThat(rooms.claim()).isEmpty();
        }
    }

    @Test
    void runs_that_the_same_write_ends_free_their_slots_for_it() {
        try (Rooms rooms = new Rooms(dir, Map.of("default", 2), 0)) {
            for (int i = 0; i < 4; i++) {
                rooms.insert("default", 1);
            }
            List<RunningJob> first = rooms.claim();
            List<RunningJob> next = rooms.db.write(s -> rooms.claims.claimFreeSlots(s, rooms.clock.millis(), first));
            assertThat(next).hasSize(2);
        }
    }

    @Test
    void a_paused_queue_claims_nothing() {
        try (Rooms rooms = new Rooms(dir, Map.of("default", 2), 0)) {
            rooms.insert("default", 1);
            rooms.queues.setPaused("default", true);
            assertThat(rooms.claims.anyFreeSlot()).isFalse();
            assertThat(rooms.claim()).isEmpty();
            rooms.queues.setPaused("default", false);
            assertThat(rooms.claim()).hasSize(1);
        }
    }

    @Test
    void a_queue_of_short_runs_claims_ahead_of_its_workers() {
        try (Rooms rooms = new Rooms(dir, Map.of("default", 1), 2)) {
            for (int i = 0; i < 6; i++) {
                rooms.insert("default", 1);
            }
            RunningJob first = rooms.claim().get(0);
            rooms.claims.launch(first);
            assertThat(rooms.started).containsExactly(first);
            rooms.claims.runEnded(first); // a run of microseconds: the queue's runs are short
            assertThat(rooms.claim()).hasSize(1 + 2); // its worker plus two per worker claimed ahead
        }
    }

    @Test
    void a_run_claimed_ahead_that_waits_for_a_worker_goes_back_to_its_queue_and_a_started_one_does_not() {
        try (Rooms rooms = new Rooms(dir, Map.of("default", 1), 2)) {
            for (int i = 0; i < 4; i++) {
                rooms.insert("default", 1);
            }
            RunningJob warmUp = rooms.claim().get(0);
            rooms.claims.launch(warmUp);
            rooms.claims.runEnded(warmUp);
            List<RunningJob> claimed = rooms.claim();
            assertThat(claimed).hasSize(3);
            claimed.forEach(rooms.claims::launch);
            RunningJob started = claimed.get(0);
            RunningJob waiting = claimed.get(1);
            assertThat(rooms.started).containsExactly(warmUp, started);
            rooms.db.write(s -> {
                rooms.claims.giveBackIfWaiting(s, waiting.id());
                rooms.claims.giveBackIfWaiting(s, started.id());
                return null;
            });
            assertThat(rooms.stored(waiting.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
            assertThat(rooms.runs.contains(waiting.id())).isFalse();
            assertThat(rooms.stored(started.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
            assertThat(rooms.runs.contains(started.id())).isTrue();
        }
    }
}
