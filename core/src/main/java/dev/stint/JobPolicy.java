package dev.stint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Scheduling defaults of a job type, used when a dispatch's {@link DispatchOptions} leave them unset.
 *
 * <pre>{@code
 * @JobType(name = "mail.send")
 * @JobPolicy(queue = "network", maxAttempts = 5, backoffMillis = 2_000, timeoutMillis = 60_000)
 * public class SendMailJob implements Job<Void> { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobPolicy {

    /** The queue; empty for the library's default queue. */
    String queue() default "";

    /** Priority within the queue: lower runs first. */
    int priority() default 0;

    /** Attempts in all; 1 means a failure is final. */
    int maxAttempts() default 1;

    /** Delay before the first retry, in milliseconds; doubles with each retry (with jitter). */
    long backoffMillis() default 1_000;

    /** Per-run timeout in milliseconds; 0 for none. */
    long timeoutMillis() default 0;
}
