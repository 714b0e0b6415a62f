package dev.stint.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the generated catalog does: it compiles cleanly, loads, lists the jobs in order with the right
 * classes and output types, and is found by {@link ServiceLoader}.
 */
class JobRegistryProcessorCatalogTest {

    @TempDir
    Path dir;

    @Test
    void catalog_lists_jobs_sorted_by_name_then_version() throws Exception {
        Compilation compilation = TestCompiler.compile(dir, photoJobs());

        assertCompiledCleanly(compilation);
        try (URLClassLoader loader = compilation.classLoader()) {
            JobCatalog catalog = loadCatalog(loader, "p.jobs.StintJobCatalog");

            assertThat(catalog.jobs())
                    .extracting(JobDescriptor::name, JobDescriptor::version, JobDescriptor::resumable,
                            descriptor -> descriptor.jobClass().getName(), JobDescriptor::outputType)
                    .containsExactly(
                            tuple("cache.clean", 1, true, "p.jobs.Maintenance$CleanCache", String[].class),
                            tuple("greeting", 1, true, "p.jobs.text.Greeting", String.class),
                            tuple("photos.import", 1, false, "p.jobs.ImportPhotosV1", Void.class),
                            tuple("photos.import", 2, true, "p.jobs.ImportPhotos", Map.class));
            assertThat(catalog.jobs()).allSatisfy(descriptor ->
                    assertThat(descriptor.jobClass().getClassLoader()).isSameAs(loader));
        }
    }

    @Test
    void output_type_is_the_erasure_of_the_job_type_argument() throws Exception {
        SourceFile jobs = new SourceFile("p/Outputs.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;
                import java.util.List;

                public final class Outputs {
                    private Outputs() {}

                    @JobType(name = "raw")
                    @SuppressWarnings("rawtypes")
                    public static class RawJob implements Job {
                        @Override
                        public Object run(JobContext ctx) {
                            return "done";
                        }
                    }

                    @JobType(name = "generic")
                    public static class GenericJob<T> implements Job<T> {
                        @Override
                        public T run(JobContext ctx) {
                            return null;
                        }
                    }

                    @JobType(name = "nested")
                    public static class NestedResultJob implements Job<NestedResultJob.Result> {
                        public record Result(int count) {}

                        @Override
                        public Result run(JobContext ctx) {
                            return new Result(1);
                        }
                    }

                    @JobType(name = "list")
                    public static class ListJob implements Job<List<? extends Number>> {
                        @Override
                        public List<? extends Number> run(JobContext ctx) {
                            return List.of(1);
                        }
                    }

                    @JobType(name = "ints")
                    public static class IntsJob implements Job<int[][]> {
                        @Override
                        public int[][] run(JobContext ctx) {
                            return new int[0][];
                        }
                    }

                    public interface Step<I> extends Job<I> {}

                    public abstract static class Pair<A, B> implements Step<B> {}

                    @JobType(name = "through-interfaces")
                    public static class ThroughInterfacesJob extends Pair<String, Long> {
                        @Override
                        public Long run(JobContext ctx) {
                            return 1L;
                        }
                    }
                }
                """);

        Compilation compilation = TestCompiler.compile(dir, jobs);

        assertCompiledCleanly(compilation);
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "p.StintJobCatalog").jobs())
                    .extracting(JobDescriptor::name, descriptor -> descriptor.outputType().getName())
                    .containsExactly(
                            tuple("generic", "java.lang.Object"),
                            tuple("ints", "[[I"),
                            tuple("list", "java.util.List"),
                            tuple("nested", "p.Outputs$NestedResultJob$Result"),
                            tuple("raw", "java.lang.Object"),
                            tuple("through-interfaces", "java.lang.Long"));
        }
        assertThat(compilation.generatedSource("p.StintJobCatalog")).hasValueSatisfying(source -> assertThat(source)
                .contains("jobClass(p.Outputs.NestedResultJob.class), p.Outputs.NestedResultJob.Result.class)"));
    }

    @Test
    void accepts_records_json_creators_protected_constructors_and_interface_members() throws Exception {
        SourceFile echo = new SourceFile("p/Echo.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = "echo")
                public record Echo(String text) implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return text;
                    }
                }
                """);
        SourceFile copy = new SourceFile("p/Copy.java", """
                package p;

                import com.fasterxml.jackson.annotation.JsonCreator;
                import com.fasterxml.jackson.annotation.JsonProperty;
                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = "copy")
                public class Copy implements Job<String> {
                    private final String from;

                    @JsonCreator
                    public Copy(@JsonProperty("from") String from) {
                        this.from = from;
                    }

                    @Override
                    public String run(JobContext ctx) {
                        return from;
                    }
                }
                """);
        SourceFile guarded = new SourceFile("p/Guarded.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = "guarded")
                public class Guarded implements Job<String> {
                    protected Guarded() {}

                    public Guarded(String ignored) {}

                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """);
        SourceFile members = new SourceFile("p/Members.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                public interface Members {
                    @JobType(name = "member")
                    class Member implements Job<String> {
                        @Override
                        public String run(JobContext ctx) {
                            return "done";
                        }
                    }
                }
                """);

        // javac's "processing" lint warns that no processor claims Jackson's annotations: true, and not ours.
        Compilation compilation = TestCompiler.compile(
                dir, List.of("-Xlint:-processing"), List.of(), List.of(echo, copy, guarded, members));

        assertCompiledCleanly(compilation);
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "p.StintJobCatalog").jobs())
                    .extracting(JobDescriptor::name, descriptor -> descriptor.jobClass().getName())
                    .containsExactly(
                            tuple("copy", "p.Copy"),
                            tuple("echo", "p.Echo"),
                            tuple("guarded", "p.Guarded"),
                            tuple("member", "p.Members$Member"));
        }
    }

    @Test
    void service_loader_finds_the_generated_catalog() throws Exception {
        Compilation compilation = TestCompiler.compile(dir, photoJobs());

        assertCompiledCleanly(compilation);
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE))
                .hasValue("p.jobs.StintJobCatalog\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            List<JobCatalog> found = ServiceLoader.load(JobCatalog.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .map(ServiceLoader.Provider::get)
                    .toList();

            assertThat(found).singleElement().satisfies(catalog -> {
                assertThat(catalog.getClass().getName()).isEqualTo("p.jobs.StintJobCatalog");
                assertThat(catalog.jobs()).hasSize(4);
            });
        }
    }

    @Test
    void generated_source_is_the_same_whatever_the_order_of_the_sources() throws IOException {
        SourceFile[] sources = photoJobs();
        SourceFile[] reversed = List.of(sources).reversed().toArray(SourceFile[]::new);

        Compilation first = TestCompiler.compile(Files.createDirectory(dir.resolve("first")), sources);
        Compilation second = TestCompiler.compile(Files.createDirectory(dir.resolve("second")), reversed);

        assertCompiledCleanly(first);
        assertCompiledCleanly(second);
        String source = first.generatedSource("p.jobs.StintJobCatalog").orElseThrow();
        assertThat(second.generatedSource("p.jobs.StintJobCatalog")).hasValue(source);
        assertThat(source)
                .startsWith("// Generated by the Stint registry processor")
                .contains("public final class StintJobCatalog implements dev.stint.spi.JobCatalog");
    }

    @Test
    void catalog_package_option_is_honoured() throws Exception {
        Compilation compilation = TestCompiler.compile(
                dir, List.of("-Astint.catalogPackage=x.y"), List.of(), List.of(photoJobs()));

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSource("p.jobs.StintJobCatalog")).isEmpty();
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE))
                .hasValue("x.y.StintJobCatalog\n");
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "x.y.StintJobCatalog").jobs()).hasSize(4);
        }
    }

    @Test
    void catalog_package_defaults_to_dev_stint_generated_when_jobs_share_no_package() throws Exception {
        Compilation compilation = TestCompiler.compile(
                dir, simpleJob("com.example.First", "first"), simpleJob("org.example.Second", "second"));

        assertCompiledCleanly(compilation);
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "dev.stint.generated.StintJobCatalog").jobs())
                    .extracting(JobDescriptor::name)
                    .containsExactly("first", "second");
        }
    }

    @Test
    void job_names_are_escaped_in_the_generated_source() throws Exception {
        String name = "quote\" backslash\\ unicode-escape-like\\u0022 newline\n tab\t nul\0 digit-after-control\u00012"
                + " accent\u00e9 emoji\uD83D\uDE00 comment-end*/";
        SourceFile job = new SourceFile("p/Odd.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = %s)
                public class Odd implements Job<String> {
                    @Override
                    public String run(JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(CatalogSource.stringLiteral(name)));

        Compilation compilation = TestCompiler.compile(dir, job);

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSource("p.StintJobCatalog").orElseThrow()).isASCII();
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "p.StintJobCatalog").jobs())
                    .singleElement()
                    .extracting(JobDescriptor::name)
                    .isEqualTo(name);
        }
    }

    @Test
    void naming_deprecated_jobs_and_outputs_raises_no_warning() {
        SourceFile jobs = new SourceFile("p/Old.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                /** Old jobs, kept to finish what users had started. */
                @Deprecated
                public final class Old {
                    private Old() {}

                    /** Result of the job being removed. */
                    @Deprecated(forRemoval = true)
                    public record Result(String value) {}

                    /** A job of a deprecated class. */
                    @JobType(name = "old")
                    public static class OldJob implements Job<Result> {
                        @Override
                        @SuppressWarnings("removal")
                        public Result run(JobContext ctx) {
                            return new Result("done");
                        }
                    }
                }
                """);

        Compilation compilation = TestCompiler.compile(dir, jobs);

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSource("p.StintJobCatalog")).hasValueSatisfying(source ->
                assertThat(source).contains("@java.lang.SuppressWarnings({\"deprecation\", \"removal\"})"));
    }

    @Test
    void service_file_keeps_other_providers_and_drops_stale_generated_catalogs() throws IOException {
        Path serviceFile = dir.resolve("classes").resolve(JobRegistryProcessor.SERVICE_FILE);
        Files.createDirectories(serviceFile.getParent());
        Files.writeString(serviceFile, "com.example.HandWrittenCatalog\nold.pkg.StintJobCatalog\n");

        Compilation compilation = TestCompiler.compile(dir, photoJobs());

        assertCompiledCleanly(compilation);
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE))
                .hasValue("com.example.HandWrittenCatalog\np.jobs.StintJobCatalog\n");
    }

    @Test
    void writes_nothing_when_there_are_no_jobs() {
        SourceFile plain = new SourceFile("p/Plain.java", """
                package p;

                public class Plain {}
                """);

        Compilation compilation = TestCompiler.compile(dir, plain);

        assertCompiledCleanly(compilation);
        assertThat(compilation.generatedSources()).isEmptyDirectory();
        assertThat(compilation.classOutputResource(JobRegistryProcessor.SERVICE_FILE)).isEmpty();
    }

    @Test
    void lists_jobs_that_use_or_are_sources_generated_in_later_rounds() throws Exception {
        SourceFile report = new SourceFile("p/Report.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = "report")
                public class Report implements Job<ReportOutput> {
                    @Override
                    public ReportOutput run(JobContext ctx) {
                        return new ReportOutput();
                    }
                }
                """);
        Processor generator = new FirstRoundGenerator(Map.of(
                "p.ReportOutput", """
                        package p;

                        public class ReportOutput {}
                        """,
                "p.LateJob", """
                        package p;

                        @dev.stint.JobType(name = "late")
                        public class LateJob implements dev.stint.Job<String> {
                            @Override
                            public String run(dev.stint.JobContext ctx) {
                                return "done";
                            }
                        }
                        """));

        Compilation compilation = TestCompiler.compile(dir, List.of(), List.of(generator), List.of(report));

        assertCompiledCleanly(compilation);
        try (URLClassLoader loader = compilation.classLoader()) {
            assertThat(loadCatalog(loader, "p.StintJobCatalog").jobs())
                    .extracting(JobDescriptor::name, descriptor -> descriptor.outputType().getName())
                    .containsExactly(tuple("late", "java.lang.String"), tuple("report", "p.ReportOutput"));
        }
    }

    @Test
    void string_literals_escape_what_javac_would_misread() {
        assertThat(CatalogSource.stringLiteral("plain.name")).isEqualTo("\"plain.name\"");
        assertThat(CatalogSource.stringLiteral("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(CatalogSource.stringLiteral("\\u0022")).isEqualTo("\"\\\\u0022\"");
        assertThat(CatalogSource.stringLiteral("line\r\nnext")).isEqualTo("\"line\\r\\nnext\"");
        assertThat(CatalogSource.stringLiteral("\u00012")).isEqualTo("\"\\0012\"");
        assertThat(CatalogSource.stringLiteral("\u00e9\u2028")).isEqualTo("\"\\u00e9\\u2028\"");
    }

    // ---------------------------------------------------------------------------------------------

    /** Four jobs under {@code p.jobs}: two versions of one name, a nested job and one with a generic base. */
    private static SourceFile[] photoJobs() {
        return new SourceFile[] {
            new SourceFile("p/jobs/ImportPhotos.java", """
                    package p.jobs;

                    import dev.stint.Job;
                    import dev.stint.JobContext;
                    import dev.stint.JobType;
                    import java.util.Map;

                    @JobType(name = "photos.import", version = 2)
                    public class ImportPhotos implements Job<Map<String, Object>> {
                        public int imported;

                        @Override
                        public Map<String, Object> run(JobContext ctx) {
                            return Map.of("imported", imported);
                        }
                    }
                    """),
            new SourceFile("p/jobs/ImportPhotosV1.java", """
                    package p.jobs;

                    import dev.stint.Job;
                    import dev.stint.JobContext;
                    import dev.stint.JobType;

                    @JobType(name = "photos.import", resumable = false)
                    public class ImportPhotosV1 implements Job<Void> {
                        @Override
                        public Void run(JobContext ctx) {
                            return null;
                        }
                    }
                    """),
            new SourceFile("p/jobs/Maintenance.java", """
                    package p.jobs;

                    import dev.stint.Job;
                    import dev.stint.JobContext;
                    import dev.stint.JobType;

                    public final class Maintenance {
                        private Maintenance() {}

                        @JobType(name = "cache.clean")
                        public static class CleanCache implements Job<String[]> {
                            @Override
                            public String[] run(JobContext ctx) {
                                return new String[] {"thumbnails"};
                            }
                        }
                    }
                    """),
            new SourceFile("p/jobs/base/TextJob.java", """
                    package p.jobs.base;

                    import dev.stint.Job;

                    public abstract class TextJob<T> implements Job<T> {}
                    """),
            new SourceFile("p/jobs/text/Greeting.java", """
                    package p.jobs.text;

                    import dev.stint.JobContext;
                    import dev.stint.JobType;
                    import p.jobs.base.TextJob;

                    @JobType(name = "greeting")
                    public class Greeting extends TextJob<String> {
                        @Override
                        public String run(JobContext ctx) {
                            return "hello";
                        }
                    }
                    """),
        };
    }

    /** A public job class {@code qualifiedName} returning a string. */
    private static SourceFile simpleJob(String qualifiedName, String jobName) {
        int dot = qualifiedName.lastIndexOf('.');
        return new SourceFile(qualifiedName.replace('.', '/') + ".java", """
                package %s;

                @dev.stint.JobType(name = "%s")
                public class %s implements dev.stint.Job<String> {
                    @Override
                    public String run(dev.stint.JobContext ctx) {
                        return "done";
                    }
                }
                """.formatted(qualifiedName.substring(0, dot), jobName, qualifiedName.substring(dot + 1)));
    }

    private static void assertCompiledCleanly(Compilation compilation) {
        assertThat(compilation.succeeded()).as(compilation.report()).isTrue();
        assertThat(compilation.diagnostics())
                .as(compilation.report())
                .noneMatch(d -> d.getKind() != Diagnostic.Kind.NOTE && d.getKind() != Diagnostic.Kind.OTHER);
    }

    private static JobCatalog loadCatalog(ClassLoader loader, String className) throws ReflectiveOperationException {
        return Class.forName(className, true, loader)
                .asSubclass(JobCatalog.class)
                .getConstructor()
                .newInstance();
    }

    /** Another processor, which writes the given sources in the first round. */
    private static final class FirstRoundGenerator extends AbstractProcessor {
        private final Map<String, String> sources;
        private boolean done;

        FirstRoundGenerator(Map<String, String> sources) {
            this.sources = sources;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment roundEnv) {
            if (!done) {
                done = true;
                for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
                    try (Writer writer = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
                        writer.write(source.getValue());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return false;
        }
    }
}
