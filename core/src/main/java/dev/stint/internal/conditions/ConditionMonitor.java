package dev.stint.internal.conditions;

import dev.stint.Condition;
import dev.stint.Subscription;
import dev.stint.spi.DeviceProbe;
import dev.stint.spi.DeviceState;
import dev.stint.spi.DeviceState.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says whether device conditions hold, and tells its listeners when that may have changed. The one owner of
 * the latest probe reading, the app's named conditions and the user's last input.
 *
 * <p><b>Verdicts.</b> Each condition {@link Verdict#HOLDS holds}, {@link Verdict#FAILS fails}, or is
 * {@link Verdict#UNKNOWN unknown} when the probe cannot tell (no such interface, a command missing or slow).
 * An unknown power, battery or network condition counts as holding ({@link #UNKNOWN_HOLDS}): the machines a
 * probe cannot read are mostly desktops and virtual machines on mains power and a wired network, and a job
 * held back forever by a probe that can never answer is worse than one that runs on battery once. A named
 * condition the app never {@link #set set} fails (the app has not said it holds). {@code userIdleFor(d)}
 * holds when at least {@code d} has passed since the last {@link #userActive()}; before the app reports any
 * input, the user counts as idle since this monitor was made. Disk space is read from the file store at each
 * evaluation (a cheap system call); a store that cannot be read is unknown.
 *
 * <p><b>When probes run.</b> The device probe runs on a slow timer ({@link #DEFAULT_PROBE_INTERVAL}) only
 * while at least one {@link #watch watch} holds a condition other than a named one; with no such watch there
 * is no timer thread and no probing at all. An {@link #evaluate evaluation} reads the probe on the caller's
 * thread only when its reading is older than twice the interval (the first evaluation, or after the timer was
 * off), so a decision is never taken on a stale reading.
 *
 * <p><b>Change notification.</b> Listeners run after a named condition changed value (on the thread that
 * {@link #set} it), after user input while some watched idle condition held (on the thread of
 * {@link #userActive()}), and after a timer tick changed the verdict of any watched condition (on the timer
 * thread; a tick also runs when a watched idle threshold is due, so crossing it is noticed on time). A
 * listener may then {@link #evaluate} again. A listener's exception is logged and ignored.
 */
public final class ConditionMonitor implements AutoCloseable {
    /**
     * Whether a condition the probe cannot read counts as holding: yes (see the class comment for why). The
     * result of a condition still says {@link Verdict#UNKNOWN}, so a caller may show it.
     */
    public static final boolean UNKNOWN_HOLDS = true;
    /** How often the probe is read while some job waits on or runs under a device condition. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(ConditionMonitor.class);

    private final DeviceProbe probe;
    private final Path defaultDiskPath;
    private final InstantSource clock;
    private final Duration interval;
    private final Function<Path, OptionalLong> diskSpace;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** False in tests that call {@link #tick()} themselves: no timer thread is ever made. */
    private final boolean ownTimer;

    // guarded by this
    private final Map<String, Boolean> named = new HashMap<>();
    private final Map<Condition, Integer> watched = new HashMap<>();
    private final Map<Condition, Verdict> lastVerdicts = new HashMap<>();
    private DeviceState reading;
    private Instant readAt;
    private Instant lastInput;
    private ScheduledExecutorService timer;
    private ScheduledFuture<?> nextTick;
    private boolean closed;

    /** A condition's verdict. */
    public enum Verdict {
        /** The condition holds. */
        HOLDS,
        /** The condition does not hold. */
        FAILS,
        /** The probe cannot tell; counts as holding when {@link #UNKNOWN_HOLDS}. */
        UNKNOWN;

        /** Whether a job may run under this verdict. */
        public boolean allowsRunning() {
            return this == HOLDS || (this == UNKNOWN && UNKNOWN_HOLDS);
        }
    }

    /**
     * The verdicts of a set of conditions.
     *
     * @param verdicts one per condition, in the order given
     */
    public record Evaluation(Map<Condition, Verdict> verdicts) {
        /** Copies the map (keeping its order). */
        public Evaluation {
            verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        }

        /** Whether a job requiring all these conditions may run: every verdict {@link Verdict#allowsRunning()}. */
        public boolean holds() {
            return verdicts.values().stream().allMatch(Verdict::allowsRunning);
        }

        /** The conditions that keep a job from running (for "waiting for ..."), in the order given. */
        public List<Condition> unmet() {
            return verdicts.entrySet().stream().filter(e -> !e.getValue().allowsRunning()).map(Map.Entry::getKey)
                    .toList();
        }
    }

    /**
     * A monitor with the platform's probe, the system clock and the default interval.
     *
     * @param defaultDiskPath the folder measured by a {@code diskSpaceAbove} condition without a path (the
     *     library's folder)
     */
    public static ConditionMonitor forThisPlatform(Path defaultDiskPath) {
        return new ConditionMonitor(DeviceProbes.forThisPlatform(), defaultDiskPath, InstantSource.system(),
                DEFAULT_PROBE_INTERVAL);
    }

    /**
     * @param probe reads power and network
     * @param defaultDiskPath the folder measured by a {@code diskSpaceAbove} condition without a path
     * @param clock the time for idle thresholds and reading ages
     * @param probeInterval how often the probe runs while watched; at least 10 ms
     */
    public ConditionMonitor(DeviceProbe probe, Path defaultDiskPath, InstantSource clock, Duration probeInterval) {
        this(probe, defaultDiskPath, clock, probeInterval, DiskSpace::usableBytes, true);
    }

    ConditionMonitor(DeviceProbe probe, Path defaultDiskPath, InstantSource clock, Duration probeInterval,
            Function<Path, OptionalLong> diskSpace, boolean ownTimer) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.defaultDiskPath = Objects.requireNonNull(defaultDiskPath, "defaultDiskPath").toAbsolutePath();
        this.clock = Objects.requireNonNull(clock, "clock");
        if (probeInterval == null || probeInterval.toMillis() < 10) {
            throw new IllegalArgumentException("probe interval must be >= 10 ms, was " + probeInterval);
        }
        this.interval = probeInterval;
        this.diskSpace = diskSpace;
        this.ownTimer = ownTimer;
        this.lastInput = clock.instant();
    }

    /**
     * The verdict of each condition and whether they hold together. Reads the probe on this thread only when
     * a condition needs it and the latest reading is older than twice the probe interval.
     */
    public Evaluation evaluate(Collection<Condition> conditions) {
        DeviceState state = conditions.stream().anyMatch(DeviceVerdicts::needsProbe) ? freshReading() : null;
        Map<Condition, Verdict> verdicts = new LinkedHashMap<>();
        synchronized (this) {
            for (Condition c : conditions) {
                verdicts.put(c, verdictOf(c, state));
            }
        }
        return new Evaluation(verdicts);
    }

    /** The verdict of one condition (see {@link #evaluate}). */
    public Verdict verdict(Condition condition) {
        return evaluate(List.of(condition)).verdicts().get(condition);
    }

    /**
     * Says whether the app's named condition holds; listeners run if that changed.
     *
     * @throws IllegalArgumentException if the name is not a valid condition name
     */
    public void set(String name, boolean holds) {
        Condition.named(name); // validates
        Boolean previous;
        synchronized (this) {
            previous = named.put(name, holds);
        }
        if (Boolean.TRUE.equals(previous) != holds) { // unset reads as false
            fire();
        }
    }

    /** Records user input now; listeners run if a watched idle condition held until now. */
    public void userActive() {
        boolean wasIdle;
        synchronized (this) {
            Instant now = clock.instant();
            wasIdle = watched.keySet().stream().anyMatch(c -> c instanceof Condition.UserIdleFor
                    && verdictOf(c, reading) == Verdict.HOLDS);
            lastInput = now;
            if (wasIdle) {
                watched.keySet().stream().filter(c -> c instanceof Condition.UserIdleFor)
                        .forEach(c -> lastVerdicts.put(c, Verdict.FAILS));
                reschedule(delayToNextTick(now));
            }
        }
        if (wasIdle) {
            fire();
        }
    }

    /**
     * Adds a listener run when a verdict may have changed (see the class comment for when and on which
     * thread).
     *
     * @return closing it removes the listener
     */
    public Subscription onChange(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Watches conditions: while any watch holds a condition other than a named one, the probe runs on the
     * timer, and listeners hear about verdict changes of the watched conditions. The first watch starts the
     * timer with an immediate tick; closing the last one stops it.
     *
     * @return closing it ends this watch (closing twice is harmless)
     */
    public Watch watch(Collection<Condition> conditions) {
        List<Condition> list = List.copyOf(conditions);
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("condition monitor is closed");
            }
            boolean newIdle = false;
            for (Condition c : list) {
                if (watched.merge(c, 1, Integer::sum) == 1) {
                    lastVerdicts.put(c, verdictOf(c, reading));
                    newIdle |= c instanceof Condition.UserIdleFor;
                }
            }
            if (newIdle && timer != null) {
                reschedule(delayToNextTick(clock.instant())); // its threshold may fall before the next tick
            }
            if (ownTimer && timer == null && watched.keySet().stream().anyMatch(c -> !(c instanceof Condition.Named))) {
                timer = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofVirtual().name("stint-conditions").factory());
                reschedule(Duration.ZERO);
            }
        }
        return new Watch(list);
    }

    /** A watch on some conditions; see {@link ConditionMonitor#watch}. */
    public final class Watch implements AutoCloseable {
        private final List<Condition> conditions;
        private boolean open = true;

        private Watch(List<Condition> conditions) {
            this.conditions = conditions;
        }

        /** Ends this watch; the timer stops when no watch needs it. */
        @Override
        public void close() {
            synchronized (ConditionMonitor.this) {
                if (!open) {
                    return;
                }
                open = false;
                for (Condition c : conditions) {
                    if (watched.merge(c, -1, Integer::sum) <= 0) {
                        watched.remove(c);
                        lastVerdicts.remove(c);
                    }
                }
                if (watched.keySet().stream().allMatch(c -> c instanceof Condition.Named)) {
                    stopTimer();
                }
            }
        }
    }

    /**
     * One timer tick: reads the probe if a watched condition needs it, re-evaluates the watched conditions and
     * runs the listeners if any verdict changed. The timer calls it; a test may call it directly.
     */
    public void tick() {
        boolean probeNeeded;
        synchronized (this) {
            probeNeeded = watched.keySet().stream().anyMatch(DeviceVerdicts::needsProbe);
        }
        DeviceState state = probeNeeded ? readProbe() : null;
        boolean changed = false;
        synchronized (this) {
            for (Map.Entry<Condition, Verdict> e : lastVerdicts.entrySet()) {
                Verdict now = verdictOf(e.getKey(), state == null ? reading : state);
                if (now != e.getValue()) {
                    e.setValue(now);
                    changed = true;
                }
            }
            if (timer != null && !closed) {
                reschedule(delayToNextTick(clock.instant()));
            }
        }
        if (changed) {
            fire();
        }
    }

    /** Whether the probe timer exists (some watch needs it). */
    public synchronized boolean timerRunning() {
        return timer != null;
    }

    /** Stops the timer and refuses new watches. Listeners are kept but no longer run from the timer. */
    @Override
    public synchronized void close() {
        closed = true;
        stopTimer();
    }

    private void timerTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("condition monitor tick failed; trying again at the next one", e);
            synchronized (this) {
                if (timer != null && !closed) {
                    reschedule(interval);
                }
            }
        }
    }

    private DeviceState freshReading() {
        synchronized (this) {
            if (reading != null && readAt != null
                    && Duration.between(readAt, clock.instant()).compareTo(interval.multipliedBy(2)) <= 0) {
                return reading;
            }
        }
        return readProbe();
    }

    private DeviceState readProbe() {
        DeviceState state;
        try {
            state = Objects.requireNonNullElse(probe.read(), DeviceState.UNKNOWN);
        } catch (RuntimeException e) {
            LOG.debug("device probe failed; its readings count as unknown", e);
            state = DeviceState.UNKNOWN;
        }
        if (Thread.currentThread().isInterrupted()) {
            return state; // the timer is stopping: a command cut short is no reading to keep
        }
        synchronized (this) {
            reading = state;
            readAt = clock.instant();
        }
        return state;
    }

    /** The next tick: the interval, or sooner when a watched idle threshold falls due before it. */
    private Duration delayToNextTick(Instant now) {
        Duration delay = interval;
        for (Condition c : watched.keySet()) {
            if (c instanceof Condition.UserIdleFor idle) {
                Duration untilIdle = Duration.between(now, lastInput.plus(idle.duration()));
                if (!untilIdle.isNegative() && untilIdle.compareTo(delay) < 0) {
                    delay = untilIdle;
                }
            }
        }
        return delay;
    }

    private void reschedule(Duration delay) {
        if (timer == null) {
            return;
        }
        if (nextTick != null) {
            nextTick.cancel(false);
        }
        nextTick = timer.schedule(this::timerTick, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
            nextTick = null;
        }
    }

    private void fire() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("condition listener failed", e);
            }
        }
    }

    /** Guarded by this; {@code state} null: no reading (its parts are unknown). */
    private Verdict verdictOf(Condition condition, DeviceState state) {
        DeviceState s = state == null ? DeviceState.UNKNOWN : state;
        return switch (condition) {
            case Condition.AcPower a -> DeviceVerdicts.of(condition, s);
            case Condition.BatteryAbove b -> DeviceVerdicts.of(condition, s);
            case Condition.Network n -> DeviceVerdicts.of(condition, s);
            case Condition.Unmetered u -> DeviceVerdicts.of(condition, s);
            case Condition.DiskSpaceAbove d -> {
                OptionalLong usable = diskSpace.apply(d.path() == null ? defaultDiskPath : d.path());
                yield usable.isEmpty() ? Verdict.UNKNOWN : usable.getAsLong() >= d.bytes() ? Verdict.HOLDS
                        : Verdict.FAILS;
            }
            case Condition.UserIdleFor i ->
                Duration.between(lastInput, clock.instant()).compareTo(i.duration()) >= 0 ? Verdict.HOLDS
                        : Verdict.FAILS;
            case Condition.Named n -> Boolean.TRUE.equals(named.get(n.name())) ? Verdict.HOLDS : Verdict.FAILS;
        };
    }

    /** How long after now the timer's next tick would be (for tests). */
    synchronized Duration nextTickDelay() {
        return delayToNextTick(clock.instant());
    }

    /** The conditions currently watched (for tests and diagnostics). */
    synchronized List<Condition> watchedConditions() {
        return new ArrayList<>(watched.keySet());
    }
}
