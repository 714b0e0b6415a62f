package dev.stint.spi;

import dev.stint.Job;
import java.util.Objects;

/**
 * One job type known to the engine: its stable name and version, whether it resumes, its class and the
 * class its output decodes to.
 *
 * <p>Instances are normally created by the catalog that the {@code registry-processor} generates.
 *
 * @param name stable job type name, never blank
 * @param version state version, at least 1
 * @param resumable whether interrupted jobs resume from their latest checkpoint
 * @param jobClass the concrete job class
 * @param outputType the erasure of the job's output type argument ({@code Object} when unknown)
 */
public record JobDescriptor(
        String name, int version, boolean resumable, Class<? extends Job<?>> jobClass, Class<?> outputType) {

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

    /** Returns {@code name@version}, the form used in messages. */
    public String key() {
        return name + "@" + version;
    }
}
