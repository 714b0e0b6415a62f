package dev.stint.internal.control;

import java.net.Socket;

/** A timer that closes a socket unless cancelled in time: how every read and write of a client is bounded. */
interface Deadline {
    /** Stops the timer (the socket stays open). */
    void cancel();

    /** Starts deadlines. */
    @FunctionalInterface
    interface Timer {
        /** Closes {@code socket} after {@code millis} unless the answer is cancelled first. */
        Deadline closeAfter(Socket socket, long millis);
    }
}
