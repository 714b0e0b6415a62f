package dev.stint.internal.codec;

/**
 * Makes msgpack-core use its "universal" buffer (plain {@code ByteBuffer} access) instead of
 * {@code sun.misc.Unsafe}: on JDK 24 and later the JDK warns on stderr the first time {@code Unsafe}'s memory
 * access is used, and with {@code --sun-misc-unsafe-memory-access=deny} msgpack-core prints a stack trace before
 * falling back to that buffer anyway. Stint's blobs are small and Jackson's work dominates their cost: the
 * universal buffer measured the same speed as the {@code Unsafe} one (docs/benchmarks.md).
 *
 * <p>msgpack-core reads the {@code msgpack.universal-buffer} system property once, when its {@code MessageBuffer}
 * class initialises; this sets it before that, unless the application set it (to {@code false} to keep the
 * {@code Unsafe} path) or msgpack-core was initialised already.
 */
public final class MessagePackBuffers {
    /** msgpack-core's switch. */
    public static final String PROPERTY = "msgpack.universal-buffer";

    private MessagePackBuffers() {
    }

    /** Chooses the universal buffer unless the application chose; call before msgpack-core is first used. */
    public static void preferUniversal() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
