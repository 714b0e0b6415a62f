package dev.stint.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.JobHandle;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.spi.JobCatalog;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job compiled with the processor runs in a real library, found through the generated catalog. */
class ProcessorRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void a_job_compiled_with_the_processor_is_dispatched_by_name() throws Exception {
        SourceFile greeting = new SourceFile("p/Greeting.java", """
                package p;

                public record Greeting(String text, int count) {}
                """);
        SourceFile greet = new SourceFile("p/Greet.java", """
                package p;

                import dev.stint.Job;
                import dev.stint.JobContext;
                import dev.stint.JobType;

                @JobType(name = "greet")
                public class Greet implements Job<Greeting> {
                    private String who;
                    private int times;

                    @Override
                    public Greeting run(JobContext ctx) {
                        ctx.checkInterrupted();
                        return new Greeting(("hello " + who + " ").repeat(times).strip(), times);
                    }
                }
                """);
        Compilation compilation = TestCompiler.compile(Files.createDirectory(dir.resolve("build")), greeting, greet);
        assertThat(compilation.succeeded()).as(compilation.report()).isTrue();

        try (URLClassLoader loader = compilation.classLoader()) {
            JobCatalog catalog = Class.forName("p.StintJobCatalog", true, loader)
                    .asSubclass(JobCatalog.class)
                    .getConstructor()
                    .newInstance();

            Library.Builder builder = Library.builder(dir.resolve("library")).useServiceLoader(false).catalog(catalog);
            String id;
            try (Library library = builder.open()) {
                JobHandle<Object> handle = library.dispatch("greet", "{\"who\": \"world\", \"times\": 2}");
                id = handle.id();

                Object output = handle.result().get(30, TimeUnit.SECONDS);

                assertThat(handle.name()).isEqualTo("greet");
                assertThat(output.getClass()).isSameAs(loader.loadClass("p.Greeting"));
                assertThat(output).hasToString("Greeting[text=hello world hello world, count=2]");
            }

            // Reopened, the library decodes the stored output into the catalog's output type.
            try (Library library = builder.open()) {
                assertThat(library.job(id)).hasValueSatisfying(info -> {
                    assertThat(info.name()).isEqualTo("greet");
                    assertThat(info.version()).isEqualTo(1);
                    assertThat(info.status()).isEqualTo(JobStatus.COMPLETED);
                });
                Object stored = library.handle(id).orElseThrow().result().get(30, TimeUnit.SECONDS);

                assertThat(stored.getClass()).isSameAs(loader.loadClass("p.Greeting"));
                assertThat(stored).hasToString("Greeting[text=hello world hello world, count=2]");
            }
        }
    }
}
