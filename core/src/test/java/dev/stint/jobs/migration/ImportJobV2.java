package dev.stint.jobs.migration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import dev.stint.MigratesFrom;

/** Version 2 of the same type: {@code folder} became {@code source}, and {@code limit} was added. */
@JobType(name = "test.import", version = 2)
public class ImportJobV2 implements Job<String> {
    String source;
    int count;
    int limit;

    @MigratesFrom(1)
    static ObjectNode renameFolder(ObjectNode v1) {
        v1.set("source", v1.remove("folder"));
        v1.put("limit", 10);
        return v1;
    }

    @Override
    public String run(JobContext ctx) {
        return source + " limit " + limit + " count " + count;
    }
}
