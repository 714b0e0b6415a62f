package dev.stint.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobType;
import java.util.Map;

/**
 * Produces data of chosen sizes, to test the library's limits: reports a phase whose data holds
 * {@code progressDataBytes} characters, grows its state to {@code checkpointBytes} characters and checkpoints
 * (a refused checkpoint is caught: the job empties its state, checkpoints again and carries on), then returns
 * {@code outputBytes} characters, or, when that is 0, what it learnt.
 */
@JobType(name = "test.sized")
public class SizedJob implements Job<String> {
    String payload = "";
    int progressDataBytes;
    int checkpointBytes;
    int outputBytes;
    String refused;

    public SizedJob() {
    }

    public SizedJob(int payloadBytes, int progressDataBytes, int checkpointBytes, int outputBytes) {
        this.payload = "p".repeat(payloadBytes);
        this.progressDataBytes = progressDataBytes;
        this.checkpointBytes = checkpointBytes;
        this.outputBytes = outputBytes;
    }

    @Override
    public String run(JobContext ctx) {
        if (progressDataBytes > 0) {
            ctx.reportPhase("big", Map.of("blob", "d".repeat(progressDataBytes), "done", 1, "total", 2));
        }
        ctx.reportPhase("small", Map.of("done", 2, "total", 2));
        if (checkpointBytes > 0) {
            payload = "c".repeat(checkpointBytes);
            try {
                ctx.checkpoint();
            } catch (JobDataTooLargeException e) {
                refused = e.kind() + " " + e.size() + ">" + e.limit();
                payload = "";
                ctx.checkpoint();
            }
        }
        return outputBytes > 0 ? "o".repeat(outputBytes) : "refused=" + refused;
    }
}
