package dev.stint.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles in-memory sources with javac and a fresh {@link JobRegistryProcessor}, against the test class path
 * (which holds Stint core), with every lint warning enabled.
 */
final class TestCompiler {

    private TestCompiler() {}

    /** Compiles {@code sources} into {@code outputDir}/classes and {@code outputDir}/generated. */
    static Compilation compile(Path outputDir, SourceFile... sources) {
        return compile(outputDir, List.of(), List.of(), List.of(sources));
    }

    /**
     * Compiles {@code sources} with the registry processor, then {@code otherProcessors}.
     *
     * @param outputDir where to put the {@code classes} and {@code generated} directories
     * @param extraOptions more javac options, such as {@code -Astint.catalogPackage=x.y}
     * @param otherProcessors processors to run after the registry processor
     * @param sources the sources, in the order javac receives them
     */
    static Compilation compile(
            Path outputDir, List<String> extraOptions, List<Processor> otherProcessors, List<SourceFile> sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("tests must run on a JDK: no system Java compiler");
        }
        Path classes = outputDir.resolve("classes");
        Path generated = outputDir.resolve("generated");
        try {
            Files.createDirectories(classes);
            Files.createDirectories(generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> options = new ArrayList<>(List.of(
                "-classpath", System.getProperty("java.class.path"),
                "-d", classes.toString(),
                "-s", generated.toString(),
                "-encoding", "UTF-8",
                "-Xlint:all"));
        options.addAll(extraOptions);
        List<Processor> processors = new ArrayList<>();
        processors.add(new JobRegistryProcessor());
        processors.addAll(otherProcessors);

        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(
                    null, files, diagnostics, options, null,
                    sources.stream().map(SourceFile::toJavaFileObject).toList());
            task.setProcessors(processors);
            task.setLocale(Locale.ROOT);
            boolean succeeded = task.call();
            return new Compilation(succeeded, List.copyOf(diagnostics.getDiagnostics()), classes, generated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
