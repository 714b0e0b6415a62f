package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobInfo;
import dev.stint.JobPolicy;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.spi.JobCatalog;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job type's {@code @JobPolicy} gives its jobs their defaults; a class without one gets the library's. */
class JobPolicyTest {
    @TempDir
    Path dir;

    /** A job with a policy. */
    @JobType(name = "policy.with")
    @JobPolicy(queue = "slow", priority = 7, maxAttempts = 3, backoffMillis = 250, timeoutMillis = 60_000)
    public static final class WithPolicy implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** A job without one. */
    @JobType(name = "policy.without")
    public static final class WithoutPolicy implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    /** A subclass: {@code @JobPolicy} is not inherited, as reflection says. */
    @JobType(name = "policy.sub")
    public static final class Sub extends Base {
    }

    /** A superclass with a policy. */
    @JobPolicy(priority = 9)
    public abstract static class Base implements Job<Void> {
        @Override
        public Void run(JobContext ctx) {
            return null;
        }
    }

    @Test
    void a_policy_gives_a_types_jobs_their_defaults_and_a_class_without_one_gets_the_librarys() {
        JobCatalog catalog = JobCatalog.of(WithPolicy.class, WithoutPolicy.class, Sub.class);
        try (Library library = Library.builder(dir).catalog(catalog).useServiceLoader(false).queue("slow", 1)
                .autoStart(false).open()) {
            JobInfo with = library.job(library.dispatch(new WithPolicy()).id()).orElseThrow();
            assertThat(with.queue()).isEqualTo("slow");
            assertThat(with.priority()).isEqualTo(7);
            assertThat(with.maxAttempts()).isEqualTo(3);

            JobInfo without = library.job(library.dispatch(new WithoutPolicy()).id()).orElseThrow();
            assertThat(without.priority()).isZero();
            assertThat(without.maxAttempts()).isEqualTo(1);

            assertThat(library.job(library.dispatch(new Sub()).id()).orElseThrow().priority())
                    .as("@JobPolicy is not inherited").isZero();
        }
    }
}
