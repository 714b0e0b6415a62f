package dev.stint.internal.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A random 256-bit secret as 64 lowercase hex characters, compared in constant time. */
final class ControlToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ControlToken(String value) {
        this.value = value;
    }

    /** A fresh token. */
    static ControlToken random() {
        return new ControlToken(randomHex(32));
    }

    /** {@code bytes} random bytes as lowercase hex. */
    static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    String value() {
        return value;
    }

    /** Whether {@code candidate} is this token; the time taken does not depend on where they differ. */
    boolean matches(String candidate) {
        return candidate != null && sameSecret(value, candidate);
    }

    /** Constant-time equality of two secrets (their lengths are not secret). */
    static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ControlToken[****]";
    }
}
