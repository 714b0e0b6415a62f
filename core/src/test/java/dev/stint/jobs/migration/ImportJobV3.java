package dev.stint.jobs.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.MigratesFrom;

/** Version 3 that only knows how to migrate from version 2: a version-1 job has no path. */
@JobType(name = "test.import", version = 3)
public class ImportJobV3 implements Job<String> {
    String source;

    @MigratesFrom(2)
    static ObjectNode fromTwo(ObjectNode v2) {
        return v2;
    }

    @Override
    public String run(JobContext ctx) {
        return source;
    }
}
