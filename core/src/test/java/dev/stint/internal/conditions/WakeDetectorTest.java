package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WakeDetectorTest {
    private final AtomicReference<Instant> wallNow = new AtomicReference<>(Instant.parse("2026-12-06T22:00:00Z"));
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> wakes = new CopyOnWriteArrayList<>();
    private final WakeDetector detector = new WakeDetector(wallNow::get, nanos::get, Duration.ofSeconds(10),
            Duration.ofSeconds(5), wakes::add, false);

    /** Time passing while awake: both clocks move. */
    private void awake(Duration d) {
        wallNow.updateAndGet(i -> i.plus(d));
        nanos.addAndGet(d.toNanos());
    }

    /** The machine asleep: only the wall clock moves. */
    private void asleep(Duration d) {
        wallNow.updateAndGet(i -> i.plus(d));
    }

    @Test
    void a_suspend_is_reported_with_about_the_time_slept() {
        try (WakeDetector.Arming arming = detector.arm()) {
            awake(Duration.ofSeconds(10));
            detector.tick();
            assertThat(wakes).isEmpty();
            awake(Duration.ofSeconds(3));
            asleep(Duration.ofMinutes(42));
            awake(Duration.ofSeconds(7));
            detector.tick();
            assertThat(wakes).containsExactly(Duration.ofMinutes(42));
            awake(Duration.ofSeconds(10));
            detector.tick();
            assertThat(wakes).as("reported once").hasSize(1);
        }
    }

    @Test
    void a_late_tick_while_awake_or_clock_drift_within_the_tolerance_is_not_a_wake() {
        try (WakeDetector.Arming arming = detector.arm()) {
            awake(Duration.ofMinutes(3)); // a busy machine: the tick came late, but both clocks agree
            detector.tick();
            asleep(Duration.ofSeconds(5)); // NTP slewing or a short stall: at the tolerance, not above
            detector.tick();
            assertThat(wakes).isEmpty();
            asleep(Duration.ofMillis(5_001));
            detector.tick();
            assertThat(wakes).containsExactly(Duration.ofMillis(5_001));
        }
    }

    @Test
    void the_wall_clock_set_back_is_ignored() {
        try (WakeDetector.Arming arming = detector.arm()) {
            wallNow.updateAndGet(i -> i.minus(Duration.ofHours(1)));
            awake(Duration.ofSeconds(10));
            detector.tick();
            assertThat(wakes).isEmpty();
        }
    }

    @Test
    void sleep_while_disarmed_is_not_reported_and_arming_starts_from_now() {
        WakeDetector.Arming first = detector.arm();
        first.close();
        asleep(Duration.ofHours(8));
        detector.tick();
        assertThat(wakes).as("disarmed: no tick").isEmpty();
        try (WakeDetector.Arming arming = detector.arm()) {
            awake(Duration.ofSeconds(10));
            detector.tick();
            assertThat(wakes).as("the night before arming is not this arming's business").isEmpty();
        }
    }

    @Test
    void armings_count_and_the_timer_lives_only_while_one_is_open() throws Exception {
        CompletableFuture<Duration> woke = new CompletableFuture<>();
        AtomicReference<Instant> wall = new AtomicReference<>(Instant.parse("2026-12-06T22:00:00Z"));
        try (WakeDetector real = new WakeDetector(wall::get, System::nanoTime, Duration.ofMillis(10),
                Duration.ofSeconds(5), woke::complete, true)) {
            assertThat(real.timerRunning()).isFalse();
            WakeDetector.Arming a = real.arm();
            WakeDetector.Arming b = real.arm();
            assertThat(real.timerRunning()).isTrue();
            wall.updateAndGet(i -> i.plus(Duration.ofMinutes(30)));
            Duration slept = woke.get(10, TimeUnit.SECONDS);
            assertThat(slept).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
            a.close();
            a.close();
            assertThat(real.armed()).isTrue();
            b.close();
            assertThat(real.armed()).isFalse();
            assertThat(real.timerRunning()).isFalse();
        }
    }

    @Test
    void a_closed_detector_refuses_to_arm_and_bad_settings_are_refused() {
        detector.close();
        assertThatThrownBy(detector::arm).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WakeDetector(wallNow::get, nanos::get, Duration.ZERO, Duration.ofSeconds(5),
                wakes::add, false)).hasMessageContaining("interval");
        assertThatThrownBy(() -> new WakeDetector(wallNow::get, nanos::get, Duration.ofSeconds(1), Duration.ZERO,
                wakes::add, false)).hasMessageContaining("tolerance");
    }
}
