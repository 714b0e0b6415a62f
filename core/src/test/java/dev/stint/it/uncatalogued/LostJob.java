package dev.stint.it.uncatalogued;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** A job whose package has a generated-looking catalog that the library is not given. */
@JobType(name = "test.lost", version = 2)
public class LostJob implements Job<Void> {
    @Override
    public Void run(JobContext ctx) {
        return null;
    }
}
