package dev.stint.processor;

import java.util.Comparator;

/**
 * One validated {@code @JobType} class, as the generated catalog describes it.
 *
 * @param name the job type's stable name
 * @param version the job type's state version
 * @param resumable whether interrupted jobs of the type resume
 * @param jobClass the job class
 * @param outputType the erasure of the job's output type
 */
record CatalogEntry(String name, int version, boolean resumable, TypeReference jobClass, TypeReference outputType) {

    /** The catalog's order: by name, then by version. */
    static final Comparator<CatalogEntry> ORDER =
            Comparator.comparing(CatalogEntry::name).thenComparingInt(CatalogEntry::version);

    /** The job class's canonical name, by which the processor finds its element again. */
    String className() {
        return jobClass.literal();
    }
}
