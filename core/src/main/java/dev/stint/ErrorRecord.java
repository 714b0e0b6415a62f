package dev.stint;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A failure stored as data: the exception's type, message and stack trace as text. Stint never stores
 * or deserializes exception objects.
 *
 * @param type the exception's class name, or a Stint reason such as {@code "cancelled"}
 * @param message the message, never null (may be empty)
 * @param stackTrace the stack trace as text, empty when there is none
 * @param atMillis when it happened, epoch milliseconds
 */
public record ErrorRecord(String type, String message, String stackTrace, long atMillis) {

    /** Replaces null texts with empty ones. */
    public ErrorRecord {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        stackTrace = stackTrace == null ? "" : stackTrace;
    }

    /** Records a throwable: its class name, message and full stack trace (causes included). */
    public static ErrorRecord of(Throwable t, long atMillis) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        String message = t.getMessage() != null ? t.getMessage() : t.toString();
        return new ErrorRecord(t.getClass().getName(), message, out.toString(), atMillis);
    }

    /** A record without a stack trace. */
    public static ErrorRecord of(String type, String message, long atMillis) {
        return new ErrorRecord(type, message, "", atMillis);
    }

    /** {@code type: message}. */
    public String summary() {
        return message.isEmpty() ? type : type + ": " + message;
    }
}
