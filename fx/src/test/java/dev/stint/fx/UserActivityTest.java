package dev.stint.fx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Subscription;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TouchEvent;
import javafx.scene.input.TouchPoint;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scene's input reaches the activity feed, throttled; the app's own events and a closed feed do not. */
class UserActivityTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final AtomicInteger calls = new AtomicInteger();
    private Button button;

    @BeforeAll
    static void toolkit() throws Exception {
        Fx.start();
    }

    private Scene scene() {
        return Fx.fx(() -> {
            button = new Button("b");
            return new Scene(new StackPane(button), 200, 100);
        });
    }

    private void fire(Event event) {
        Fx.run(() -> Event.fireEvent(button, event));
    }

    private void later(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static MouseEvent mouse(javafx.event.EventType<MouseEvent> type) {
        return new MouseEvent(type, 10, 10, 10, 10, MouseButton.NONE, 0, false, false, false, false, false, false,
                false, false, false, false, null);
    }

    private static KeyEvent key() {
        return new KeyEvent(KeyEvent.KEY_PRESSED, "a", "a", KeyCode.A, false, false, false, false);
    }

    private static ScrollEvent scroll() {
        return new ScrollEvent(ScrollEvent.SCROLL, 10, 10, 10, 10, false, false, false, false, false, false, 0, 40, 0,
                40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0,
                null);
    }

    private static TouchEvent touch() {
        TouchPoint point = new TouchPoint(1, TouchPoint.State.PRESSED, 10, 10, 10, 10, null, null);
        return new TouchEvent(TouchEvent.TOUCH_PRESSED, point, java.util.List.of(point), 1, false, false, false,
                false);
    }

    @Test
    void each_kind_of_input_counts_at_most_once_per_second() {
        Scene scene = scene();
        Subscription feed = UserActivity.feed(scene, calls::incrementAndGet, nanos::get);
        fire(mouse(MouseEvent.MOUSE_MOVED));
        fire(mouse(MouseEvent.MOUSE_MOVED));
        fire(key());
        assertThat(calls).as("the first input at once, the rest within the second dropped").hasValue(1);
        later(Duration.ofMillis(999));
        fire(key());
        assertThat(calls).hasValue(1);
        later(Duration.ofMillis(1));
        fire(key());
        assertThat(calls).hasValue(2);
        later(Duration.ofSeconds(1));
        fire(mouse(MouseEvent.MOUSE_PRESSED));
        later(Duration.ofSeconds(1));
        fire(scroll());
        later(Duration.ofSeconds(1));
        fire(touch());
        later(Duration.ofSeconds(1));
        fire(mouse(MouseEvent.MOUSE_DRAGGED));
        assertThat(calls).hasValue(6);
        feed.close();
    }

    @Test
    void events_that_are_not_the_users_doing_do_not_count() {
        Scene scene = scene();
        try (Subscription feed = UserActivity.feed(scene, calls::incrementAndGet, nanos::get)) {
            fire(mouse(MouseEvent.MOUSE_ENTERED));
            fire(mouse(MouseEvent.MOUSE_EXITED));
            fire(new KeyEvent(KeyEvent.KEY_RELEASED, "a", "a", KeyCode.A, false, false, false, false));
            assertThat(calls).hasValue(0);
        }
    }

    @Test
    void input_still_reaches_the_scenes_nodes() {
        Scene scene = scene();
        AtomicInteger handled = new AtomicInteger();
        Fx.run(() -> button.setOnKeyPressed(e -> handled.incrementAndGet()));
        try (Subscription feed = UserActivity.feed(scene, calls::incrementAndGet, nanos::get)) {
            fire(key());
        }
        assertThat(calls).hasValue(1);
        assertThat(handled).hasValue(1);
    }

    @Test
    void closing_the_feed_from_another_thread_removes_its_filters() throws Exception {
        Scene scene = scene();
        Subscription feed = UserActivity.feed(scene, calls::incrementAndGet, nanos::get);
        feed.close(); // a test thread, not the FX thread: removed on the FX thread
        feed.close();
        CountDownLatch drained = new CountDownLatch(1);
        javafx.application.Platform.runLater(drained::countDown);
        assertThat(drained.await(30, TimeUnit.SECONDS)).isTrue();
        fire(key());
        assertThat(calls).hasValue(0);
    }

    @Test
    void the_real_clock_throttles_a_burst_to_one_call() {
        Scene scene = scene();
        long took;
        try (Subscription feed = UserActivity.feed(scene, calls::incrementAndGet)) {
            took = Fx.fx(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < 1_000; i++) {
                    Event.fireEvent(button, mouse(MouseEvent.MOUSE_MOVED));
                }
                return System.nanoTime() - start;
            });
        }
        // a thousand moves take milliseconds: one call (more only if the burst itself lasted over a second)
        assertThat(calls.get()).isPositive().isLessThanOrEqualTo(1 + (int) (took / 1_000_000_000L));
    }
}
