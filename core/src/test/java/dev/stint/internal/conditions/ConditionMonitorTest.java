package dev.stint.internal.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.Condition;
import dev.stint.Subscription;
import dev.stint.internal.conditions.ConditionMonitor.Verdict;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionMonitorTest {
    private static final DeviceState LAPTOP_ON_BATTERY = new DeviceState(Reading.NO, Reading.YES, OptionalInt.of(40),
            Reading.YES, Reading.NO);
    private static final DeviceState LAPTOP_PLUGGED = new DeviceState(Reading.YES, Reading.YES, OptionalInt.of(40),
            Reading.YES, Reading.NO);
    private static final Path LIBRARY = Path.of("/library");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T10:00:00Z"));
    private final InstantSource clock = now::get;
    private final AtomicReference<DeviceState> device = new AtomicReference<>(LAPTOP_ON_BATTERY);
    private final AtomicInteger probeReads = new AtomicInteger();
    private final Map<Path, Long> freeBytes = new ConcurrentHashMap<>();
    private final AtomicInteger changes = new AtomicInteger();
    /** Ticked by hand: no timer thread. */
    private ConditionMonitor monitor = monitor(Duration.ofSeconds(30), false);

    private ConditionMonitor monitor(Duration interval, boolean ownTimer) {
        ConditionMonitor m = new ConditionMonitor(() -> {
            probeReads.incrementAndGet();
            return device.get();
        }, LIBRARY, clock, interval, p -> freeBytes.containsKey(p) ? OptionalLong.of(freeBytes.get(p))
                : OptionalLong.empty(), ownTimer);
        m.onChange(changes::incrementAndGet);
        return m;
    }

    private void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void power_battery_and_network_follow_the_probe() {
        assertThat(monitor.verdict(Condition.onAcPower())).isEqualTo(Verdict.FAILS);
        assertThat(monitor.verdict(Condition.batteryAbove(40))).isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.batteryAbove(41))).isEqualTo(Verdict.FAILS);
        assertThat(monitor.verdict(Condition.networkAvailable())).isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.unmeteredNetwork())).isEqualTo(Verdict.HOLDS);

        device.set(new DeviceState(Reading.YES, Reading.NO, OptionalInt.empty(), Reading.NO, Reading.NO));
        advance(Duration.ofMinutes(2)); // older than twice the interval: read again
        assertThat(monitor.verdict(Condition.onAcPower())).isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.batteryAbove(100))).as("no battery counts as full").isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.networkAvailable())).isEqualTo(Verdict.FAILS);
        assertThat(monitor.verdict(Condition.unmeteredNetwork())).as("no network at all").isEqualTo(Verdict.FAILS);

        device.set(LAPTOP_PLUGGED.withNetwork(Reading.YES, Reading.YES));
        advance(Duration.ofMinutes(2));
        assertThat(monitor.verdict(Condition.unmeteredNetwork())).isEqualTo(Verdict.FAILS);
    }

    @Test
    void unknown_readings_are_unknown_and_count_as_holding() {
        device.set(DeviceState.UNKNOWN);
        List<Condition> all = List.of(Condition.onAcPower(), Condition.batteryAbove(90), Condition.networkAvailable(),
                Condition.unmeteredNetwork());
        ConditionMonitor.Evaluation evaluation = monitor.evaluate(all);
        assertThat(evaluation.verdicts()).containsOnlyKeys(all).allSatisfy((c, v) -> assertThat(v).isEqualTo(Verdict.UNKNOWN));
        assertThat(ConditionMonitor.UNKNOWN_HOLDS).isTrue();
        assertThat(evaluation.holds()).isTrue();
        assertThat(evaluation.unmet()).isEmpty();
    }

    @Test
    void a_probe_that_throws_or_returns_null_reads_as_unknown() {
        ConditionMonitor throwing = new ConditionMonitor(() -> {
            throw new IllegalStateException("broken probe");
        }, LIBRARY, clock, Duration.ofSeconds(30));
        ConditionMonitor nulls = new ConditionMonitor(() -> null, LIBRARY, clock, Duration.ofSeconds(30));
        assertThat(throwing.verdict(Condition.onAcPower())).isEqualTo(Verdict.UNKNOWN);
        assertThat(nulls.verdict(Condition.networkAvailable())).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void the_evaluation_lists_the_unmet_conditions_in_order() {
        monitor.set("vpn", true);
        List<Condition> required = List.of(Condition.named("vpn"), Condition.onAcPower(), Condition.batteryAbove(80),
                Condition.networkAvailable());
        ConditionMonitor.Evaluation evaluation = monitor.evaluate(required);
        assertThat(evaluation.holds()).isFalse();
        assertThat(evaluation.unmet()).containsExactly(Condition.onAcPower(), Condition.batteryAbove(80));
        assertThat(evaluation.verdicts().keySet()).containsExactlyElementsOf(required);
        assertThat(monitor.evaluate(List.of()).holds()).isTrue();
    }

    @Test
    void the_probe_is_read_once_per_interval_and_only_for_conditions_that_need_it() {
        monitor.evaluate(List.of(Condition.named("x"), Condition.userIdleFor(Duration.ofMinutes(1)),
                Condition.diskSpaceAbove(1, null)));
        assertThat(probeReads).hasValue(0);
        monitor.verdict(Condition.onAcPower());
        monitor.verdict(Condition.networkAvailable());
        advance(Duration.ofSeconds(60));
        monitor.verdict(Condition.onAcPower());
        assertThat(probeReads).hasValue(1);
        advance(Duration.ofSeconds(1));
        monitor.verdict(Condition.onAcPower());
        assertThat(probeReads).hasValue(2);
    }

    @Test
    void named_conditions_fail_until_set_and_notify_only_on_change() {
        assertThat(monitor.verdict(Condition.named("vpn"))).isEqualTo(Verdict.FAILS);
        monitor.set("vpn", true);
        assertThat(monitor.verdict(Condition.named("vpn"))).isEqualTo(Verdict.HOLDS);
        assertThat(changes).hasValue(1);
        monitor.set("vpn", true);
        assertThat(changes).hasValue(1);
        monitor.set("vpn", false);
        assertThat(monitor.verdict(Condition.named("vpn"))).isEqualTo(Verdict.FAILS);
        assertThat(changes).hasValue(2);
        assertThat(monitor.verdict(Condition.named("VPN"))).as("names are case-sensitive").isEqualTo(Verdict.FAILS);
        assertThatThrownBy(() -> monitor.set("not a name", true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> monitor.set("network", true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void disk_space_reads_the_store_of_the_path_or_of_the_library_folder() {
        Path photos = Path.of("/photos").toAbsolutePath();
        freeBytes.put(LIBRARY.toAbsolutePath(), 5_000L);
        freeBytes.put(photos, 100L);
        assertThat(monitor.verdict(Condition.diskSpaceAbove(5_000, null))).isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.diskSpaceAbove(5_001, null))).isEqualTo(Verdict.FAILS);
        assertThat(monitor.verdict(Condition.diskSpaceAbove(100, photos))).isEqualTo(Verdict.HOLDS);
        assertThat(monitor.verdict(Condition.diskSpaceAbove(1, Path.of("/unreadable")))).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void disk_space_from_a_real_file_store(@TempDir Path folder) {
        ConditionMonitor real = new ConditionMonitor(() -> DeviceState.UNKNOWN, folder, clock, Duration.ofSeconds(30));
        assertThat(real.verdict(Condition.diskSpaceAbove(1, null))).isEqualTo(Verdict.HOLDS);
        assertThat(real.verdict(Condition.diskSpaceAbove(Long.MAX_VALUE, folder.resolve("not/yet/made"))))
                .isEqualTo(Verdict.FAILS);
    }

    @Test
    void the_user_is_idle_since_the_monitor_started_until_input_is_reported() {
        Condition idle = Condition.userIdleFor(Duration.ofMinutes(5));
        assertThat(monitor.verdict(idle)).isEqualTo(Verdict.FAILS);
        advance(Duration.ofMinutes(5));
        assertThat(monitor.verdict(idle)).isEqualTo(Verdict.HOLDS);
        monitor.userActive();
        assertThat(monitor.verdict(idle)).isEqualTo(Verdict.FAILS);
        advance(Duration.ofSeconds(299));
        assertThat(monitor.verdict(idle)).isEqualTo(Verdict.FAILS);
        advance(Duration.ofSeconds(1));
        assertThat(monitor.verdict(idle)).isEqualTo(Verdict.HOLDS);
    }

    @Test
    void watched_idle_conditions_notify_when_crossed_and_when_the_user_returns() {
        Condition idle = Condition.userIdleFor(Duration.ofMinutes(1));
        try (ConditionMonitor.Watch watch = monitor.watch(List.of(idle))) {
            assertThat(monitor.timerRunning()).as("ticked by hand").isFalse();
            monitor.tick();
            assertThat(changes).hasValue(0);
            advance(Duration.ofSeconds(61));
            monitor.tick();
            assertThat(changes).as("threshold crossed").hasValue(1);
            monitor.tick();
            assertThat(changes).hasValue(1);
            monitor.userActive();
            assertThat(changes).as("user back while idle held").hasValue(2);
            monitor.userActive();
            monitor.tick();
            assertThat(changes).as("already active: nothing changed").hasValue(2);
        }
        monitor.userActive();
        assertThat(changes).as("not watched any more").hasValue(2);
    }

    @Test
    void the_next_tick_comes_early_when_a_watched_idle_threshold_falls_due_before_the_interval() {
        assertThat(monitor.nextTickDelay()).isEqualTo(Duration.ofSeconds(30));
        try (ConditionMonitor.Watch watch = monitor.watch(List.of(Condition.userIdleFor(Duration.ofMinutes(1))))) {
            advance(Duration.ofSeconds(45));
            assertThat(monitor.nextTickDelay()).isEqualTo(Duration.ofSeconds(15));
            advance(Duration.ofSeconds(20));
            assertThat(monitor.nextTickDelay()).as("already idle").isEqualTo(Duration.ofSeconds(30));
            monitor.userActive();
            assertThat(monitor.nextTickDelay()).as("a new idle spell starts").isEqualTo(Duration.ofSeconds(30));
            advance(Duration.ofSeconds(50));
            assertThat(monitor.nextTickDelay()).isEqualTo(Duration.ofSeconds(10));
        }
    }

    @Test
    void setting_an_unset_name_to_false_changes_nothing() {
        monitor.set("offline-mode", false);
        assertThat(changes).hasValue(0);
        assertThat(monitor.verdict(Condition.named("offline-mode"))).isEqualTo(Verdict.FAILS);
    }

    @Test
    void a_tick_notifies_when_a_watched_verdict_changed_and_not_otherwise() {
        monitor.verdict(Condition.onAcPower()); // the scheduler evaluates before it watches
        try (ConditionMonitor.Watch watch = monitor.watch(List.of(Condition.onAcPower(), Condition.batteryAbove(30)))) {
            assertThat(monitor.watchedConditions()).hasSize(2);
            monitor.tick();
            monitor.tick();
            assertThat(changes).hasValue(0);
            device.set(LAPTOP_ON_BATTERY.withPower(Reading.NO, Reading.YES, OptionalInt.of(39)));
            monitor.tick();
            assertThat(changes).as("battery moved, verdicts did not").hasValue(0);
            device.set(LAPTOP_PLUGGED);
            monitor.tick();
            assertThat(changes).hasValue(1);
            assertThat(monitor.verdict(Condition.onAcPower())).isEqualTo(Verdict.HOLDS);
            device.set(LAPTOP_PLUGGED.withPower(Reading.YES, Reading.YES, OptionalInt.of(20)));
            monitor.tick();
            assertThat(changes).hasValue(2);
        }
    }

    @Test
    void a_listener_that_throws_does_not_stop_the_others() {
        AtomicInteger second = new AtomicInteger();
        Subscription failing = monitor.onChange(() -> {
            throw new IllegalStateException("listener bug");
        });
        monitor.onChange(second::incrementAndGet);
        monitor.set("a", true);
        assertThat(second).hasValue(1);
        assertThat(changes).hasValue(1);
        failing.close();
        monitor.set("a", false);
        assertThat(second).hasValue(2);
    }

    @Test
    void the_timer_exists_only_while_a_watch_needs_the_probe() throws Exception {
        monitor.close();
        monitor = monitor(Duration.ofSeconds(30), true);
        assertThat(monitor.timerRunning()).isFalse();
        ConditionMonitor.Watch namedOnly = monitor.watch(List.of(Condition.named("vpn")));
        assertThat(monitor.timerRunning()).as("named conditions change by set(), not by probing").isFalse();
        ConditionMonitor.Watch power = monitor.watch(List.of(Condition.onAcPower()));
        ConditionMonitor.Watch again = monitor.watch(List.of(Condition.onAcPower(), Condition.named("vpn")));
        assertThat(monitor.timerRunning()).isTrue();
        power.close();
        assertThat(monitor.timerRunning()).as("still watched by the other watch").isTrue();
        again.close();
        again.close();
        assertThat(monitor.timerRunning()).isFalse();
        assertThat(monitor.watchedConditions()).containsExactly(Condition.named("vpn"));
        namedOnly.close();
        assertThat(monitor.watchedConditions()).isEmpty();
        monitor.close();
        assertThatThrownBy(() -> monitor.watch(List.of(Condition.onAcPower()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_real_timer_reads_the_probe_and_notifies_a_change() throws Exception {
        monitor.close();
        monitor = monitor(Duration.ofMillis(20), true);
        CountDownLatch noticed = new CountDownLatch(1);
        assertThat(monitor.verdict(Condition.onAcPower())).isEqualTo(Verdict.FAILS);
        monitor.onChange(noticed::countDown);
        try (ConditionMonitor.Watch watch = monitor.watch(List.of(Condition.onAcPower()))) {
            assertThat(monitor.timerRunning()).isTrue();
            device.set(LAPTOP_PLUGGED);
            assertThat(noticed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(probeReads.get()).isPositive();
            assertThat(monitor.verdict(Condition.onAcPower())).isEqualTo(Verdict.HOLDS);
        }
        assertThat(monitor.timerRunning()).isFalse();
    }

    @Test
    void a_too_short_interval_is_refused() {
        assertThatThrownBy(() -> new ConditionMonitor(() -> DeviceState.UNKNOWN, LIBRARY, clock, Duration.ofMillis(5)))
                .hasMessageContaining("10 ms");
    }

    @Test
    void names_flipped_a_thousand_times_from_four_threads_end_as_last_set_and_notify_each_change() throws Exception {
        AtomicInteger flips = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            String name = "flag-" + t;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    monitor.set(name, i % 2 == 0); // true, false, ...: every call is a change
                    flips.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(flips).hasValue(4_000);
        assertThat(changes).hasValue(4_000);
        for (int t = 0; t < 4; t++) {
            assertThat(monitor.verdict(Condition.named("flag-" + t))).isEqualTo(Verdict.FAILS); // the last set false
        }
    }
}
