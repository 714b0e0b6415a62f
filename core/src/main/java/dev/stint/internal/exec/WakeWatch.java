package dev.stint.internal.exec;

import dev.stint.LibraryEvent;
import dev.stint.Subscription;
import dev.stint.internal.conditions.WakeDetector;
import dev.stint.internal.log.LogText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices that the machine slept (see {@link WakeDetector}) while the library waits on time (some timer is
 * pending: a delayed job, a retry, a timeout, a condition's probe), and then re-arms the timers, re-checks
 * device conditions and tells {@link LibraryEvent} listeners. With no timer pending it does not run.
 */
final class WakeWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WakeWatch.class);

    private final WakeDetector detector;
    private final List<Consumer<LibraryEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Runnable rearm;
    private final Runnable recheck;
    private final String label;
    private WakeDetector.Arming arming;

    /**
     * @param rearm re-arms the timers
     * @param recheck re-reads device conditions
     */
    WakeWatch(Runnable rearm, Runnable recheck, String label) {
        this.rearm = rearm;
        this.recheck = recheck;
        this.label = label;
        this.detector = new WakeDetector(this::woke);
    }

    /** Whether something waits on time: the detector runs only then. */
    synchronized void waiting(boolean waiting) {
        if (waiting && arming == null) {
            try {
                arming = detector.arm();
            } catch (IllegalStateException e) {
                // closed
            }
        } else if (!waiting && arming != null) {
            arming.close();
            arming = null;
        }
    }

    Subscription subscribe(Consumer<LibraryEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void woke(Duration slept) {
        LOG.debug("library {}: the machine woke after about {}", label, slept);
        rearm.run();
        recheck.run();
        LibraryEvent event = new LibraryEvent.Woke(Instant.now(), slept);
        for (Consumer<LibraryEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a library event listener failed: {}", LogText.escape(String.valueOf(e)));
            }
        }
    }

    @Override
    public synchronized void close() {
        detector.close();
        arming = null;
    }
}
