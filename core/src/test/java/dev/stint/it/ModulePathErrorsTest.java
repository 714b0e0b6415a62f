package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module path's two common mistakes, made by a real application module ({@code acme.jobs}, compiled here
 * and run in a child JVM on the module path with core and its dependencies): a package not opened to Jackson,
 * and a job class the registry processor never saw. Each error says what to add.
 */
class ModulePathErrorsTest {

    private static final String MODULE_INFO = """
            module acme.jobs {
                requires dev.stint.core;
                exports acme.jobs;
            }
            """;

    private static final String JOB = """
            package acme.jobs;

            import dev.stint.Job;
            import dev.stint.JobContext;
            import dev.stint.JobType;
            import java.util.List;

            @JobType(name = "acme.photos", version = 1)
            public class PhotoJob implements Job<Integer> {
                List<String> files = List.of("a.jpg");

                public PhotoJob() {
                }

                @Override
                public Integer run(JobContext ctx) {
                    return files.size();
                }
            }
            """;

    private static final String MAIN = """
            package acme.jobs;

            import dev.stint.Library;
            import dev.stint.PackageNotOpenException;
            import dev.stint.UnknownJobTypeException;
            import dev.stint.spi.JobCatalog;
            import java.nio.file.Path;

            public class Main {
                public static void main(String[] args) {
                    Path dir = Path.of(args[0]);
                    try (Library library = Library.builder(dir.resolve("a")).catalog(JobCatalog.of(PhotoJob.class))
                            .open()) {
                        library.dispatch(new PhotoJob());
                        System.out.println("OPENS dispatched");
                    } catch (PackageNotOpenException e) {
                        System.out.println("OPENS " + e.moduleName() + "|" + e.packageName() + "|"
                                + e.opensDirective() + "|" + e.getMessage());
                    }
                    try (Library library = Library.builder(dir.resolve("b")).open()) {
                        library.dispatch(new PhotoJob());
                        System.out.println("UNKNOWN dispatched");
                    } catch (UnknownJobTypeException e) {
                        System.out.println("UNKNOWN " + e.jobName() + "|" + e.getMessage());
                    }
                }
            }
            """;

    @TempDir
    static Path work;

    private static List<String> lines;

    /** Core's classes and its dependencies: what an application puts on its module path. */
    static String coreModulePath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.replace('\\', '/').endsWith("core/target/classes") || e.contains("jackson-")
                        || e.contains("msgpack") || e.contains("sqlite-jdbc") || e.contains("slf4j-api"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @BeforeAll
    static void run_the_application_module() throws Exception {
        Path src = work.resolve("src/acme.jobs");
        Files.createDirectories(src.resolve("acme/jobs"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(src.resolve("acme/jobs/PhotoJob.java"), JOB);
        Files.writeString(src.resolve("acme/jobs/Main.java"), MAIN);
        Path out = work.resolve("mods/acme.jobs");
        java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path", coreModulePath(),
                "-proc:none", "-Xlint:none"));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        assertThat(javac.run(System.out, System.err, args.toArray(String[]::new))).as("javac").isZero();

        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", out + File.pathSeparator + coreModulePath(), "-m", "acme.jobs/acme.jobs.Main",
                work.resolve("libraries").toString())
                .redirectError(work.resolve("child.err").toFile()).start();
        String stdout = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("exit code; stderr: %s", stderr()).isZero();
        lines = stdout.lines().toList();
        childStderr = stderr();
    }

    private static String childStderr;

    @Test
    void the_application_prints_nothing_on_stderr_with_native_access_enabled_for_sqlite_jdbc_alone() {
        assertThat(childStderr).isEmpty();
    }

    private static String stderr() throws IOException {
        return Files.readString(work.resolve("child.err"));
    }

    private static String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                .map(l -> l.substring(prefix.length() + 1))
                .orElseThrow(() -> new AssertionError("no " + prefix + " line in " + lines));
    }

    @Test
    void a_package_not_opened_to_jackson_is_named_with_the_exact_opens_line() {
        String[] parts = line("OPENS").split("\\|");
        assertThat(parts[0]).isEqualTo("acme.jobs");
        assertThat(parts[1]).isEqualTo("acme.jobs");
        assertThat(parts[2]).isEqualTo("opens acme.jobs to com.fasterxml.jackson.databind;");
        assertThat(parts[3]).isEqualTo("package acme.jobs of module acme.jobs is not open to Jackson, which reads"
                + " and writes the fields of acme.jobs.PhotoJob: add `opens acme.jobs to com.fasterxml.jackson.databind;`"
                + " to the module-info.java of acme.jobs");
    }

    @Test
    void an_annotated_class_in_no_catalog_says_the_processor_did_not_run_and_how_to_fix_it() {
        String[] parts = line("UNKNOWN").split("\\|", 2);
        assertThat(parts[0]).isEqualTo("acme.photos");
        assertThat(parts[1]).startsWith("unknown job type 'acme.photos': class acme.jobs.PhotoJob is annotated"
                + " @JobType(name = \"acme.photos\", version = 1) but is in no registered catalog: the registry"
                + " processor did not run on it")
                .contains("-proc:full", "provides dev.stint.spi.JobCatalog with acme.jobs.StintJobCatalog;",
                        "module-info.java of acme.jobs", "catalog(new acme.jobs.StintJobCatalog())");
    }
}
