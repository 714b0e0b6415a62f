package dev.stint.swing;

import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/** Runs test code on the event dispatch thread and waits for EDT state. */
final class Edt {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Edt() {
    }

    /** Calls {@code c} on the EDT and returns its value. */
    static <T> T edt(Callable<T> c) {
        AtomicReference<T> value = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    value.set(c.call());
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return value.get();
    }

    /** Runs {@code r} on the EDT and waits for it. */
    static void run(Runnable r) {
        edt(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the EDT, holds. */
    static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> edt(condition));
    }
}
