package dev.stint;

/**
 * A control endpoint could not be started, reached or used: the port was taken, the connection failed, the
 * token was refused ({@code unauthorized}), the request was refused for its size or rate, or the answer was not
 * understood. Errors that {@link Library} itself would throw (an unknown job, an illegal transition, ...) arrive
 * from a {@link RemoteLibrary} as those exceptions instead.
 */
public final class ControlEndpointException extends StintException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    /**
     * An endpoint error with the API's error {@code code} (such as {@code unauthorized}, {@code too_large},
     * {@code transport}) and HTTP {@code status} (0 when no answer came).
     */
    public ControlEndpointException(String code, int status, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.status = status;
    }

    /**
     * The API's error code ({@code docs/control-api.md}), or {@code transport} when no answer came,
     * {@code bad_response} when the answer was not understood, {@code start_failed} when the endpoint could not
     * start.
     */
    public String code() {
        return code;
    }

    /** The HTTP status of the answer, or 0 when there was none. */
    public int status() {
        return status;
    }
}
