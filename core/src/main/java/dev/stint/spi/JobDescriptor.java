package dev.stint.spi;

import dev.stint.Job;
import java.util.Objects;

/**
 * One job type known to the engine: its stable name and version, whether it resumes, its class and the
 * class its output decodes to.
 *
 * <p>Instances are normally created by the catalog that the {@code registry-processor} generates. A
 * module that defines job types at run time (extension jobs, where one job class serves many names)
 * gives an {@link ArgumentsFactory} that builds the job object for a dispatch by name.
 *
 * @param name stable job type name, never blank
 * @param version state version, at least 1
 * @param resumable whether interrupted jobs resume from their latest checkpoint
 * @param jobClass the concrete job class
 * @param outputType the erasure of the job's output type argument ({@code Object} when unknown)
 * @param argumentsFactory builds the job from dispatch arguments, or null to decode the JSON arguments
 *     into {@code jobClass}'s fields
 */
public record JobDescriptor(
        String name, int version, boolean resumable, Class<? extends Job<?>> jobClass, Class<?> outputType,
        ArgumentsFactory argumentsFactory) {

    /**
     * Builds the job object for {@code Library.dispatch(name, json)} of a job type defined at run time.
     */
    @FunctionalInterface
    public interface ArgumentsFactory {
        /**
         * Returns a new job for these JSON arguments (never null for an empty object).
         *
         * @throws IllegalArgumentException if the arguments are not acceptable; its message is shown to the
         *     user as the reason
         */
        Job<?> fromArguments(String json);
    }

    /** Validates the descriptor. */
    public JobDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jobClass, "jobClass");
        Objects.requireNonNull(outputType, "outputType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("job name must not be blank: " + jobClass.getName());
        }
        if (version < 1) {
            throw new IllegalArgumentException("job version must be >= 1: " + name + " has " + version);
        }
    }

    /** A descriptor of a compiled job class, whose dispatch arguments are its fields. */
    public JobDescriptor(
            String name, int version, boolean resumable, Class<? extends Job<?>> jobClass, Class<?> outputType) {
        this(name, version, resumable, jobClass, outputType, null);
    }

    /** Returns {@code name@version}, the form used in messages. */
    public String key() {
        return name + "@" + version;
    }
}
