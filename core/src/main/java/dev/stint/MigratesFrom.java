package dev.stint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a migration of a job type's stored state from {@link #value() version N} to version N + 1. The
 * method is a {@code static} method of the {@link JobType} class, not private, taking and returning the
 * stored state as a Jackson {@code ObjectNode} (fields by name):
 *
 * <pre>{@code
 * @JobType(name = "photos.import", version = 3)
 * public class ImportJob implements Job<Summary> {
 *     @MigratesFrom(1)
 *     static ObjectNode renameFolder(ObjectNode v1) {         // 1 -> 2
 *         v1.set("source", v1.remove("folder"));
 *         return v1;
 *     }
 *
 *     @MigratesFrom(2)
 *     static ObjectNode addLimit(ObjectNode v2) {             // 2 -> 3
 *         v2.put("limit", 1000);
 *         return v2;
 *     }
 * }
 * }</pre>
 *
 * <p>A stored job of an older version is migrated step by step when it is loaded; a version with no
 * complete chain to the current one fails that job alone with {@link IncompatibleJobVersionException}. The
 * registry processor checks at compile time that the chain from each declared version is complete.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MigratesFrom {

    /** The stored version this method migrates from (to the next one). */
    int value();
}
