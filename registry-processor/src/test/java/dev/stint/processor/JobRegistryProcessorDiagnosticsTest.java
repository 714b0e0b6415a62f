package dev.stint.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule of {@link JobRegistryProcessor}, broken on purpose: the compilation fails with an error on the
 * offending class's declaration, and no catalog is written.
 */
class JobRegistryProcessorDiagnosticsTest {

    private static final String IMPORTS = """
            import dev.stint.Job;
            import dev.stint.JobContext;
            import dev.stint.JobType;
            """;

    @TempDir
    Path dir;

    @Test
    void rejects_abstract_job_class() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public abstract class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "@JobType class p.Foo must be concrete");
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_interface_annotated_as_job_type() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public interface Foo extends Job<String> {}
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "interface Foo", "must be concrete");
    }

    @Test
    void rejects_enum_annotated_as_job_type() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public enum Foo implements Job<String> {
                    INSTANCE;

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "enum Foo", "must be concrete");
    }

    @Test
    void rejects_job_class_that_is_not_public() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "@JobType class p.Foo must be public");
    }

    @Test
    void rejects_inner_job_class_that_is_not_static() {
        SourceFile outer = new SourceFile("p/Outer.java", """
                package p;
                %s
                public class Outer {
                    @JobType(name = "foo")
                    public class Foo implements Job<String> {
                        @Override
                        public String run(JobContext ctx) {
                            return "done";
                        }
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, outer);

        assertErrorOn(compilation, outer, "class Foo", "@JobType class p.Outer.Foo must be static");
    }

    @Test
    void rejects_job_class_nested_in_a_class_that_is_not_public() {
        SourceFile outer = new SourceFile("p/Outer.java", """
                package p;
                %s
                public class Outer {
                    static class Hidden {
                        @JobType(name = "foo")
                        public static class Foo implements Job<String> {
                            @Override
                            public String run(JobContext ctx) {
                                return "done";
                            }
                        }
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, outer);

        assertErrorOn(compilation, outer, "class Foo", "is nested in p.Outer.Hidden, which must be public");
    }

    @Test
    void rejects_job_class_in_the_unnamed_package() {
        SourceFile foo = new SourceFile("Foo.java", """
                %s
                @JobType(name = "foo")
                public class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "must be in a named package");
    }

    @Test
    void rejects_class_that_does_not_implement_job() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public class Foo implements java.util.concurrent.Callable<String> {
                    @Override
                    public String call() {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "must implement dev.stint.Job");
    }

    @Test
    void rejects_job_class_without_a_no_argument_constructor() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public class Foo implements Job<String> {
                    private final String path;

                    public Foo(String path) {
                        this.path = path;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return path;
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "no-argument constructor");
    }

    @Test
    void rejects_job_class_whose_no_argument_constructor_is_private() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public class Foo implements Job<String> {
                    private Foo() {}

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "no-argument constructor");
    }

    @Test
    void rejects_version_below_one() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 0)
                public class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "version must be >= 1");
    }

    @Test
    void rejects_blank_name() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = " \\t ")
                public class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "name must not be blank");
    }

    @Test
    void rejects_second_class_declaring_the_same_name_and_version() {
        SourceFile first = new SourceFile("p/First.java", """
                package p;
                %s
                @JobType(name = "photos.import", version = 2)
                public class First implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "photos.import", version = 2)
                public class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, first, foo);

        assertErrorOn(compilation, foo, "class Foo", "duplicate job type \"photos.import\" version 2");
        assertThat(compilation.errors()).as(compilation.report()).singleElement().satisfies(error -> assertThat(
                error.getMessage(Locale.ROOT)).contains("p.Foo").contains("same name and version as p.First"));
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_output_type_that_the_catalog_cannot_refer_to() {
        SourceFile result = new SourceFile("p/a/Result.java", """
                package p.a;

                record Result(String value) {}
                """);
        SourceFile foo = new SourceFile("p/a/Foo.java", """
                package p.a;
                %s
                @JobType(name = "foo")
                public class Foo implements Job<Result> {
                    @Override
                    public Result run(JobContext ctx) {
                        return new Result("done");
                    }
                }
                """.formatted(IMPORTS));
        SourceFile bar = new SourceFile("p/b/Bar.java", """
                package p.b;
                %s
                @JobType(name = "bar")
                public class Bar implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, result, foo, bar);

        assertErrorOn(compilation, foo, "class Foo",
                "output type p.a.Result, which the generated catalog in package p cannot refer to");
        assertNoCatalog(compilation);
    }

    @Test
    void reports_every_error_of_a_compilation() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public abstract class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile bar = new SourceFile("p/Bar.java", """
                package p;
                %s
                @JobType(name = "bar", version = -1)
                public class Bar implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile baz = new SourceFile("p/Baz.java", """
                package p;
                %s
                @JobType(name = "baz")
                class Baz {
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, bar, baz);

        assertErrorOn(compilation, foo, "class Foo", "must be concrete");
        assertErrorOn(compilation, bar, "class Bar", "version must be >= 1");
        assertErrorOn(compilation, baz, "class Baz", "must be public");
        assertErrorOn(compilation, baz, "class Baz", "must implement dev.stint.Job");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(4);
        assertNoCatalog(compilation);
    }

    @Test
    void reports_a_job_whose_types_stay_unresolved_instead_of_guessing_its_output() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public class Foo implements Job<Missing> {
                    @Override
                    public Missing run(JobContext ctx) {
                        return null;
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "was not processed because it refers to types or values");
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_catalog_package_option_that_is_not_a_package_name() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo")
                public class Foo implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation =
                TestCompiler.compile(dir, List.of("-Astint.catalogPackage=jobs.1st"), List.of(), List.of(foo));

        assertThat(compilation.succeeded()).as(compilation.report()).isFalse();
        assertThat(compilation.errors()).as(compilation.report()).singleElement().satisfies(error -> assertThat(
                error.getMessage(Locale.ROOT)).contains("-Astint.catalogPackage=jobs.1st is not a valid package name"));
        assertNoCatalog(compilation);
    }

    /**
     * Asserts that the compilation failed with an error containing {@code message}, reported in {@code file}
     * on the line containing {@code declaration}.
     */
    private static void assertErrorOn(Compilation compilation, SourceFile file, String declaration, String message) {
        int line = file.lineContaining(declaration);
        assertThat(compilation.succeeded()).as(compilation.report()).isFalse();
        assertThat(compilation.errors())
                .as("an error containing \"%s\" on %s:%d in%n%s", message, file.path(), line, compilation.report())
                .anySatisfy(error -> assertErrorAt(error, file, line, message));
    }

    private static void assertErrorAt(
            Diagnostic<? extends JavaFileObject> error, SourceFile file, int line, String message) {
        assertThat(error.getMessage(Locale.ROOT)).contains(message);
        assertThat(error.getSource()).isNotNull();
        assertThat(error.getSource().toUri()).isEqualTo(file.uri());
        assertThat(error.getLineNumber()).isEqualTo(line);
    }

    private static void assertNoCatalog(Compilation compilation) {
        assertThat(compilation.generatedSources()).isEmptyDirectory();
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE)).isEmpty();
    }
}
