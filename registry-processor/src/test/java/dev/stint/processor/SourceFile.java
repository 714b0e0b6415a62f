package dev.stint.processor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;

/**
 * A Java source file held in memory, for {@link TestCompiler}.
 *
 * @param path the file's path relative to the source root, such as {@code p/Foo.java}
 * @param code the file's content
 */
record SourceFile(String path, String code) {

    /** The URI javac reports in diagnostics about this file. */
    URI uri() {
        return URI.create("string:///" + path);
    }

    /** The 1-based number of the only line that contains {@code text}. */
    int lineContaining(String text) {
        List<String> lines = code.lines().toList();
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                matches.add(i + 1);
            }
        }
        if (matches.size() != 1) {
            throw new IllegalArgumentException(
                    "expected one line containing '" + text + "' in " + path + ", found lines " + matches);
        }
        return matches.get(0);
    }

    JavaFileObject toJavaFileObject() {
        return new SimpleJavaFileObject(uri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
