package dev.stint.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of {@code @MigratesFrom} methods by {@link JobRegistryProcessor}: each rule broken on purpose
 * fails the compilation with an error on the offending method (or class, for a gap in the chain) and no
 * catalog is written; valid migrations leave the catalog as it would be without them.
 */
class JobRegistryProcessorMigrationTest {

    private static final String IMPORTS = """
            import com.fasterxml.jackson.databind.node.ObjectNode;
            import dev.stint.Job;
            import dev.stint.JobContext;
            import dev.stint.JobType;
            import dev.stint.MigratesFrom;
            """;

    /** A valid job compiled alongside the broken ones: its catalog must not be written either. */
    private static final SourceFile VALID_JOB = new SourceFile("p/Valid.java", """
            package p;
            %s
            @JobType(name = "valid", version = 2)
            public class Valid implements Job<String> {
                @MigratesFrom(1)
                static ObjectNode from1(ObjectNode v1) {
                    return v1;
                }

                @Override
                public String run(JobContext ctx) {
                    return "done";
                }
            }
            """.formatted(IMPORTS));

    @TempDir
    Path dir;

    @Test
    void accepts_complete_migration_chains_and_generates_the_catalog() throws Exception {
        SourceFile importJob = new SourceFile("p/ImportJob.java", """
                package p;
                %s
                @JobType(name = "photos.import", version = 3)
                public class ImportJob implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode renameFolder(ObjectNode v1) {
                        v1.set("source", v1.remove("folder"));
                        return v1;
                    }

                    @MigratesFrom(2)
                    public static ObjectNode addLimit(ObjectNode v2) {
                        v2.put("limit", 1000);
                        return v2;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile cleanJob = new SourceFile("p/CleanJob.java", """
                package p;
                %s
                @JobType(name = "cache.clean", version = 2)
                public class CleanJob implements Job<String> {
                    @MigratesFrom(1)
                    protected static ObjectNode dropTtl(ObjectNode v1) {
                        v1.remove("ttl");
                        return v1;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, importJob, cleanJob);

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSource("p.StintJobCatalog")).isPresent();
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE)).hasValue("p.StintJobCatalog\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            JobCatalog catalog = Class.forName("p.StintJobCatalog", true, loader)
                    .asSubclass(JobCatalog.class)
                    .getConstructor()
                    .newInstance();
            assertThat(catalog.jobs())
                    .extracting(JobDescriptor::name, JobDescriptor::version, descriptor -> descriptor.jobClass().getName())
                    .containsExactly(
                            tuple("cache.clean", 2, "p.CleanJob"),
                            tuple("photos.import", 3, "p.ImportJob"));
        }
    }

    @Test
    void accepts_a_chain_that_starts_above_version_1() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 4)
                public record Foo(String value) implements Job<String> {
                    @MigratesFrom(2)
                    static ObjectNode from2(ObjectNode v2) {
                        return v2;
                    }

                    @MigratesFrom(3)
                    static ObjectNode from3(ObjectNode v3) {
                        return v3;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return value;
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSource("p.StintJobCatalog")).isPresent();
    }

    @Test
    void rejects_migration_outside_a_job_type_class() {
        SourceFile helper = new SourceFile("p/Helper.java", """
                package p;
                %s
                public final class Helper {
                    private Helper() {}

                    @MigratesFrom(1)
                    static ObjectNode from1(ObjectNode v1) {
                        return v1;
                    }
                }
                """.formatted(IMPORTS));
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 2)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode from1(ObjectNode v1) {
                        return v1;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }

                    public static final class Nested {
                        private Nested() {}

                        @MigratesFrom(1)
                        static ObjectNode nestedFrom1(ObjectNode v1) {
                            return v1;
                        }
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, helper, foo, VALID_JOB);

        assertErrorOn(compilation, helper, "ObjectNode from1(",
                "@MigratesFrom method p.Helper.from1 must be declared in a @JobType class");
        assertErrorOn(compilation, foo, "ObjectNode nestedFrom1(",
                "@MigratesFrom method p.Foo.Nested.nestedFrom1 must be declared in a @JobType class");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(2);
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_migration_that_is_not_static_or_is_private() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 3)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    ObjectNode instanceFrom1(ObjectNode v1) {
                        return v1;
                    }

                    @MigratesFrom(2)
                    private static ObjectNode privateFrom2(ObjectNode v2) {
                        return v2;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, VALID_JOB);

        assertErrorOn(compilation, foo, "ObjectNode instanceFrom1(",
                "@MigratesFrom method p.Foo.instanceFrom1 must be static and not private");
        assertErrorOn(compilation, foo, "ObjectNode privateFrom2(",
                "@MigratesFrom method p.Foo.privateFrom2 must be static and not private");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(2);
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_migration_that_does_not_take_and_return_an_object_node() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                import com.fasterxml.jackson.databind.JsonNode;

                @JobType(name = "foo", version = 5)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode takesJsonNode(JsonNode v1) {
                        return (ObjectNode) v1;
                    }

                    @MigratesFrom(2)
                    static void returnsNothing(ObjectNode v2) {
                        v2.put("limit", 1);
                    }

                    @MigratesFrom(3)
                    static ObjectNode takesTwo(ObjectNode v3, int limit) {
                        return v3.put("limit", limit);
                    }

                    @MigratesFrom(4)
                    static ObjectNode takesNone() {
                        return null;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, VALID_JOB);

        String mustTakeAndReturn = " must take and return com.fasterxml.jackson.databind.node.ObjectNode";
        assertErrorOn(compilation, foo, "takesJsonNode(", "@MigratesFrom method p.Foo.takesJsonNode" + mustTakeAndReturn);
        assertErrorOn(compilation, foo, "returnsNothing(", "@MigratesFrom method p.Foo.returnsNothing" + mustTakeAndReturn);
        assertErrorOn(compilation, foo, "takesTwo(", "@MigratesFrom method p.Foo.takesTwo" + mustTakeAndReturn);
        assertErrorOn(compilation, foo, "takesNone(", "@MigratesFrom method p.Foo.takesNone" + mustTakeAndReturn);
        assertThat(compilation.errors()).as(compilation.report()).hasSize(4);
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_migration_from_a_version_out_of_range() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 2)
                public class Foo implements Job<String> {
                    @MigratesFrom(0)
                    static ObjectNode from0(ObjectNode v0) {
                        return v0;
                    }

                    @MigratesFrom(1)
                    static ObjectNode from1(ObjectNode v1) {
                        return v1;
                    }

                    @MigratesFrom(2)
                    static ObjectNode from2(ObjectNode v2) {
                        return v2;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile bar = new SourceFile("p/Bar.java", """
                package p;
                %s
                @JobType(name = "bar")
                public class Bar implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode from1(ObjectNode v1) {
                        return v1;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, bar, VALID_JOB);

        assertErrorOn(compilation, foo, "ObjectNode from0(",
                "@MigratesFrom(0) on p.Foo.from0: 0 must be between 1 and version - 1 (1)");
        assertErrorOn(compilation, foo, "ObjectNode from2(",
                "@MigratesFrom(2) on p.Foo.from2: 2 must be between 1 and version - 1 (1)");
        assertErrorOn(compilation, bar, "ObjectNode from1(",
                "@MigratesFrom(1) on p.Bar.from1: 1 must be between 1 and version - 1 (0)");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(3);
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_two_migrations_from_the_same_version() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 2)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode first(ObjectNode v1) {
                        return v1;
                    }

                    @MigratesFrom(1)
                    static ObjectNode second(ObjectNode v1) {
                        return v1;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, VALID_JOB);

        assertErrorOn(compilation, foo, "ObjectNode second(", "duplicate @MigratesFrom(1) in class p.Foo (also first)");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(1);
        assertNoCatalog(compilation);
    }

    @Test
    void rejects_incomplete_migration_chain() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 4)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode from1(ObjectNode v1) {
                        return v1;
                    }

                    @MigratesFrom(3)
                    static ObjectNode from3(ObjectNode v3) {
                        return v3;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));
        SourceFile bar = new SourceFile("p/Bar.java", """
                package p;
                %s
                @JobType(name = "bar", version = 5)
                public class Bar implements Job<String> {
                    @MigratesFrom(2)
                    static ObjectNode from2(ObjectNode v2) {
                        return v2;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo, bar, VALID_JOB);

        assertErrorOn(compilation, foo, "class Foo", "migration chain of job type \"foo\" is incomplete:"
                + " no @MigratesFrom(2), needed to migrate from version 1 to version 4");
        assertErrorOn(compilation, bar, "class Bar", "migration chain of job type \"bar\" is incomplete:"
                + " no @MigratesFrom(3), needed to migrate from version 2 to version 5");
        assertErrorOn(compilation, bar, "class Bar", "migration chain of job type \"bar\" is incomplete:"
                + " no @MigratesFrom(4), needed to migrate from version 2 to version 5");
        assertThat(compilation.errors()).as(compilation.report()).hasSize(3);
        assertNoCatalog(compilation);
    }

    @Test
    void reports_a_job_whose_migration_refers_to_an_unresolved_type() {
        SourceFile foo = new SourceFile("p/Foo.java", """
                package p;
                %s
                @JobType(name = "foo", version = 2)
                public class Foo implements Job<String> {
                    @MigratesFrom(1)
                    static ObjectNode from1(Missing v1) {
                        return null;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(IMPORTS));

        Compilation compilation = TestCompiler.compile(dir, foo);

        assertErrorOn(compilation, foo, "class Foo", "was not processed because it refers to types or values");
        assertNoCatalog(compilation);
    }

    private static void assertCompiledCleanly(Compilation compilation) {
        assertThat(compilation.succeeded()).as(compilation.report()).isTrue();
        assertThat(compilation.diagnostics())
                .as(compilation.report())
                .noneMatch(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER);
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
