package dev.stint.sample.cli;

import dev.stint.LibraryLockedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library is held by another process (or elsewhere in this one) that has no control endpoint, so a command
 * cannot go through it. The message keeps the lock's own ("library DIR is already open (by process PID ...)")
 * and adds a line saying why the command could not go through the holder and how to give it an endpoint. The
 * console exits with {@link dev.stint.sample.Main#EXIT_LOCKED}, as for any locked library.
 */
public final class NoControlEndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final Pattern PID = Pattern.compile("by process (\\d+)");

    NoControlEndpointException(LibraryLockedException locked, String command) {
        super(locked.getMessage() + "\n" + holder(locked) + " holds it without a control endpoint, so '" + command
                + "' cannot go through it. 'stint run' and the sample apps open it with one; an app enables it with"
                + " Library.Builder.controlEndpoint(ControlEndpoint.loopback()).", locked);
    }

    /** "process PID", "this process", or "the process" when the lock file did not say. */
    private static String holder(LibraryLockedException locked) {
        String message = String.valueOf(locked.getMessage());
        if (message.contains("(by this process")) {
            return "This process";
        }
        Matcher m = PID.matcher(message);
        return m.find() ? "Process " + m.group(1) : "The process that opened it";
    }
}
