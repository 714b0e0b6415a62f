package dev.stint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class as a Stint job type: its stable name, its state version and whether it can resume.
 *
 * <p>The {@code registry-processor} annotation processor reads this annotation at compile time and
 * generates the job catalog that maps {@code name + version} to the class. Compilation fails, on the
 * offending class, when the class is not a public concrete top-level or static nested class, does not
 * implement {@link Job}, has no way to be constructed for deserialization (a non-private no-argument
 * constructor or a constructor annotated with {@code @JsonCreator}), has a blank name, a version below 1,
 * or repeats a {@code name + version} already declared.
 *
 * <p>The name is stored in {@code jobs.db} and must never change once jobs of the type have been stored;
 * increment {@link #version()} when the stored state's shape changes incompatibly.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobType {

    /** Stable name of the job type, for example {@code "photos.import"}. Stored in {@code jobs.db}. */
    String name();

    /** Version of the job's stored state; at least 1. */
    int version() default 1;

    /**
     * Whether an interrupted job of this type resumes from its latest checkpoint. A job that is not
     * resumable cannot be paused while running and restarts from its initial arguments after a crash
     * or shutdown.
     */
    boolean resumable() default true;
}
