package dev.stint.fx;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Runs test code on the FX thread and waits for FX state. */
final class Fx {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Fx() {
    }

    /** Starts the (headless) toolkit once. */
    static void start() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Calls {@code c} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code r} on the FX thread and waits for it. */
    static void run(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the FX thread, holds. */
    static void until(String what, Callable<Boolean> condition) {
        await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> fx(condition));
    }
}
