package dev.stint.torture.check;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One row of {@code jobs} or {@code job_history} as the checker needs it.
 *
 * @param id the job id
 * @param name the job type name
 * @param status the stored status
 * @param inHistory whether the row is in {@code job_history}
 * @param initiator the dispatch token (null for children)
 * @param parentId the parent, or null
 * @param uniqueKey the unique key, or null
 * @param createdAt epoch ms
 * @param startedAt epoch ms of the first start, or null
 * @param attempts attempts as stored
 * @param attemptErrors number of failed attempts recorded
 * @param output the decoded output (history), or null
 * @param error the error record's type and message (history), or null
 * @param checkpointCount the {@code count} field of the latest checkpoint (active counting jobs), or -1
 * @param steps the committed step names (active jobs)
 */
public record StoredJob(String id, String name, String status, boolean inHistory, String initiator, String parentId,
        String uniqueKey, long createdAt, Long startedAt, int attempts, int attemptErrors, JsonNode output, String error,
        long checkpointCount, Set<String> steps) {
}
