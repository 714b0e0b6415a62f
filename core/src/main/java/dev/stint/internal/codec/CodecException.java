package dev.stint.internal.codec;

/** A value could not be encoded or decoded. Converted into a typed public error by the caller. */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An encoding or decoding failure. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
