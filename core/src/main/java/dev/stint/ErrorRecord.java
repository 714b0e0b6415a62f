package dev.stint;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Objects;

/**
 * A failure stored as data: the exception's type, message and stack trace as text, and when it happened.
 * Stint never stores or deserializes exception objects.
 *
 * @param type the exception's class name, or a Stint reason such as {@code "cancelled"}
 * @param message the message, never null (may be empty)
 * @param stackTrace the stack trace as text, empty when there is none
 * @param at when it happened, by the library's clock (stored to the millisecond)
 */
public record ErrorRecord(String type, String message, String stackTrace, Instant at) {

    /** Replaces null texts with empty ones. */
    public ErrorRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /** Records a throwable: its class name, message and full stack trace (causes included). */
    public static ErrorRecord of(Throwable t, Instant at) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return new ErrorRecord(t.getClass().getName(), message, out.toString(), at);
    }

    /**
     * {@link #of(Throwable, Instant)} with the time in epoch milliseconds, as {@link
     * java.time.InstantSource#millis()} gives it.
     */
    public static ErrorRecord of(Throwable t, long atEpochMillis) {
        return of(t, Instant.ofEpochMilli(atEpochMillis));
    }

    /** A record without a stack trace. */
    public static ErrorRecord of(String type, String message, Instant at) {
        return new ErrorRecord(type, message, "", at);
    }

    /**
     * {@link #of(String, String, Instant)} with the time in epoch milliseconds, as {@link
     * java.time.InstantSource#millis()} gives it.
     */
    public static ErrorRecord of(String type, String message, long atEpochMillis) {
        return of(type, message, Instant.ofEpochMilli(atEpochMillis));
    }

    /** {@code type: message}. */
    public String summary() {
        return message.isEmpty() ? type : type + ": " + message;
    }
}
