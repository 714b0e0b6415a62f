package dev.stint.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Progress;
import java.util.Objects;

/** Fluent assertions on one stored job; each failure is an {@link AssertionError} that shows the job. */
public final class JobAssert {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StintTestKit kit;
    private final String id;

    JobAssert(StintTestKit kit, String id) {
        this.kit = kit;
        this.id = id;
    }

    private JobInfo info() {
        return kit.library().job(id).orElseThrow(() -> new AssertionError("no job " + id + " in the library"));
    }

    private JobAssert check(boolean ok, String expectation) {
        if (!ok) {
            throw new AssertionError("job " + id + ": expected " + expectation + " but was " + info());
        }
        return this;
    }

    /** The job has this status. */
    public JobAssert hasStatus(JobStatus status) {
        return check(info().status() == status, "status " + status.wireName());
    }

    /** The job completed. */
    public JobAssert isCompleted() {
        return hasStatus(JobStatus.COMPLETED);
    }

    /** Its output, as JSON, equals {@code json} (compared as trees). */
    public JobAssert hasOutputJson(String json) {
        try {
            String actual = info().outputJson();
            return check(actual != null && JSON.readTree(actual).equals(JSON.readTree(json)), "output " + json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** A field of its output, read as a JSON tree. */
    public JsonNode output() {
        try {
            String actual = info().outputJson();
            return actual == null ? null : JSON.readTree(actual);
        } catch (java.io.IOException e) {
            throw new AssertionError("job " + id + " has an output that is not JSON", e);
        }
    }

    /** A worker started it this many times. */
    public JobAssert hasRunCount(int runs) {
        return check(info().runCount() == runs, "run count " + runs);
    }

    /** It committed this many steps. */
    public JobAssert hasStepsCompleted(int steps) {
        return check(info().stepsCompleted() == steps, steps + " steps completed");
    }

    /** Its latest stored progress is {@code progress}. */
    public JobAssert hasProgress(Progress progress) {
        return check(Objects.equals(info().progress(), progress), "progress " + progress);
    }

    /** It recorded this many non-critical errors. */
    public JobAssert hasNonCriticalErrors(int count) {
        return check(info().nonCriticalErrors().size() == count, count + " non-critical errors");
    }

    /** A field of its stored state (latest checkpoint or dispatched state) has this value. */
    public JobAssert hasStoredField(String field, Object value) {
        JsonNode actual = kit.storedState(id).map(s -> s.get(field))
                .orElseThrow(() -> new AssertionError("job " + id + " has no stored state (finished?)"));
        JsonNode expected = JSON.valueToTree(value);
        if (actual == null || !(actual.equals(expected) || actual.asText().equals(expected.asText()))) {
            throw new AssertionError("job " + id + ": expected stored field " + field + " = " + expected + " but was "
                    + actual);
        }
        return this;
    }

    /** It is in history exactly once (and not active). */
    public JobAssert isInHistoryOnce() {
        long inHistory = kit.library().history(Integer.MAX_VALUE).stream().filter(j -> j.id().equals(id)).count();
        boolean active = kit.library().activeJobs().stream().anyMatch(j -> j.id().equals(id));
        return check(inHistory == 1 && !active, "in history exactly once");
    }
}
