package dev.stint.reliability;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** The system clock plus an offset a test can move either way, as a user or NTP sets the wall clock. */
final class JumpingClock implements InstantSource {
    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    void jump(Duration by) {
        offset = offset.plus(by);
    }
}
