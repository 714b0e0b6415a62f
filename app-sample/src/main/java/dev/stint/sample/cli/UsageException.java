package dev.stint.sample.cli;

/** The command line is wrong: the console prints the message and the usage text, and exits with 64. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A usage error with a message for the user. */
    public UsageException(String message) {
        super(message);
    }
}
