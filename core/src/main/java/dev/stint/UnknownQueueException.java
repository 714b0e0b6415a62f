package dev.stint;

/** A dispatch named a queue that the library was not opened with. Nothing was stored. */
public final class UnknownQueueException extends StintException {
    private static final long serialVersionUID = 1L;

    /** {@code queue} is not configured; {@code known} lists the configured ones. */
    public UnknownQueueException(String queue, String known) {
        super("unknown queue '" + queue + "'; configured queues: " + known, null);
    }
}
