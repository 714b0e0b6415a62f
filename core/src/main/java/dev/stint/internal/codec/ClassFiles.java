package dev.stint.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Questions answered from a class's own class file, read as bytes: cheaper on a cold start than reflection over
 * annotations, which parses every annotation of the class and generates a proxy class per annotation type.
 */
final class ClassFiles {
    private ClassFiles() {
    }

    /**
     * Whether the class file of {@code type} contains {@code text} (ASCII: a type descriptor such as
     * {@code Ldev/stint/JobPolicy;} or a package prefix such as {@code com/fasterxml/jackson/}), or cannot be
     * read (then the answer is yes, so that a caller falls back to reflection). An annotation on a class is
     * named in its class file's constant pool, so a class file that does not contain its descriptor does not
     * carry it.
     */
    static boolean mentions(Class<?> type, String text) {
        String name = type.getName();
        try (InputStream in = type.getResourceAsStream(name.substring(name.lastIndexOf('.') + 1) + ".class")) {
            return in == null || contains(in.readAllBytes(), text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
