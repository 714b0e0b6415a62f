package dev.stint.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * What one {@link TestCompiler} run produced: whether javac succeeded, what it reported, and where it
 * wrote classes and generated sources.
 *
 * @param succeeded whether javac reported success
 * @param diagnostics everything javac and the processors reported, in order
 * @param classes the class output directory ({@code -d})
 * @param generatedSources the generated source directory ({@code -s})
 */
record Compilation(
        boolean succeeded,
        List<Diagnostic<? extends JavaFileObject>> diagnostics,
        Path classes,
        Path generatedSources) {

    List<Diagnostic<? extends JavaFileObject>> errors() {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    List<Diagnostic<? extends JavaFileObject>> warnings() {
        return diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
                .toList();
    }

    /** The diagnostics as javac would print them, for assertion descriptions. */
    String report() {
        return diagnostics.isEmpty()
                ? "(no diagnostics)"
                : diagnostics.stream()
                        .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName())
                                + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n"));
    }

    /** The text of a generated source file, given the class's qualified name, if it was generated. */
    Optional<String> generatedSource(String qualifiedName) {
        return readIfExists(generatedSources.resolve(qualifiedName.replace('.', '/') + ".java"));
    }

    /** The text of a resource written to the class output, if it was written. */
    Optional<String> classOutputResource(String path) {
        return readIfExists(classes.resolve(path));
    }

    /** A class loader over the compiled classes, whose parent is the test's class loader. */
    URLClassLoader classLoader() {
        try {
            return new URLClassLoader(
                    new URL[] {classes.toUri().toURL()}, Compilation.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> readIfExists(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
