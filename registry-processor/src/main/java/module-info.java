/**
 * The Stint registry processor: an annotation processor that turns the {@code @dev.stint.JobType}
 * classes of a compilation into a generated {@code StintJobCatalog}.
 *
 * <p>It works on element and type names only and has no dependency on Stint core.
 */
module dev.stint.processor {
    requires java.compiler;

    provides javax.annotation.processing.Processor with dev.stint.processor.JobRegistryProcessor;
}
