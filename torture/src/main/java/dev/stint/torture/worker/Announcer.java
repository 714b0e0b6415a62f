package dev.stint.torture.worker;

import java.io.PrintStream;

/**
 * The worker's side of the protocol: one line per event on stdout, flushed at once, read by the driver.
 * Lines: {@code OPENING}, {@code READY}, {@code INTENT <token>}, {@code ACK <token> <kind> <ids>},
 * {@code DISPATCHED <n>}, {@code KILLME <what>}, {@code CTL <op> <id> <outcome>}, {@code DRAINED <jobs left active>}.
 */
final class Announcer {
    private final PrintStream out;

    Announcer(PrintStream out) {
        this.out = out;
    }

    /** Prints one line and flushes it. */
    synchronized void line(String line) {
        out.println(line);
        out.flush();
    }
}
