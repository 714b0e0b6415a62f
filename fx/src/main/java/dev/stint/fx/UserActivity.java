package dev.stint.fx;

import dev.stint.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.event.EventType;
import javafx.scene.Scene;
import javafx.scene.input.GestureEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.TouchEvent;

/**
 * Feeds the user's input in a JavaFX scene to whatever tracks it, such as the library's idle clock behind
 * {@code Condition.userIdleFor}:
 *
 * <pre>{@code
 * Subscription feed = UserActivity.feed(scene, library::userActive);
 * }</pre>
 *
 * <p>Mouse moves, presses and drags, key presses, scrolls and other gestures, and touches count as
 * activity; events the app makes itself (a node appearing under a still mouse: entered and exited events)
 * do not. The filters see every such event of the scene before its nodes do and never consume it.
 */
public final class UserActivity {
    /** At most one call per this interval, however fast the input: the first input calls at once. */
    public static final Duration THROTTLE = Duration.ofSeconds(1);

    private static final List<EventType<? extends Event>> INPUT = List.of(MouseEvent.MOUSE_MOVED,
            MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_DRAGGED, KeyEvent.KEY_PRESSED, GestureEvent.ANY,
            TouchEvent.ANY);

    private UserActivity() {
    }

    /**
     * Adds event filters to {@code scene} that call {@code onActivity} on the FX thread when the user uses the
     * scene, at most once per {@link #THROTTLE}. May be called from any thread (the filters are added on the
     * FX thread). {@code onActivity} must be quick: it runs in the middle of event dispatch.
     *
     * @return closing it removes the filters (from any thread; closing twice is harmless)
     */
    public static Subscription feed(Scene scene, Runnable onActivity) {
        return feed(scene, onActivity, System::nanoTime);
    }

    static Subscription feed(Scene scene, Runnable onActivity, LongSupplier nanos) {
        Objects.requireNonNull(scene, "scene");
        Objects.requireNonNull(onActivity, "onActivity");
        EventHandler<Event> filter = new Throttled(onActivity, nanos);
        onFx(() -> INPUT.forEach(type -> scene.addEventFilter(type, filter)));
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                onFx(() -> INPUT.forEach(type -> scene.removeEventFilter(type, filter)));
            }
        };
    }

    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Calls through at most once per {@link #THROTTLE}; runs on the FX thread only. */
    private static final class Throttled implements EventHandler<Event> {
        private final Runnable onActivity;
        private final LongSupplier nanos;
        private boolean called;
        private long lastCall;

        Throttled(Runnable onActivity, LongSupplier nanos) {
            this.onActivity = onActivity;
            this.nanos = nanos;
        }

        @Override
        public void handle(Event event) {
            long now = nanos.getAsLong();
            if (called && now - lastCall < THROTTLE.toNanos()) {
                return;
            }
            called = true;
            lastCall = now;
            onActivity.run();
        }
    }
}
