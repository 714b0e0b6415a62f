/** A minimal app on Stint's module path setup, exactly as docs/getting-started.md shows it. */
module com.example.modular {
    requires dev.stint.core;

    // the job catalog that the registry processor generated for com.example.jobs, found by ServiceLoader
    provides dev.stint.spi.JobCatalog with com.example.jobs.StintJobCatalog;

    // Stint's codec (Jackson) reads and writes the jobs' fields (their state) and their outputs
    opens com.example.jobs to com.fasterxml.jackson.databind;
}
