package dev.stint.torture.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stint.torture.JobSpec;
import java.io.IOException;
import java.util.List;

/**
 * The outputs of completed jobs: every sum right, a counting job's {@code resumedFrom} equal to where its
 * last run started (its side file's last {@code R}), a parent's output holding each child's right output,
 * and a flaky job completed after exactly its planned failed attempts.
 */
final class OutputInvariants {
    private OutputInvariants() {
    }

    static void check(int round, StoredJob job, Expectation exp, SideFileInvariants.Summary side, List<Violation> out)
            throws IOException {
        JobSpec spec = exp.spec();
        JsonNode output = job.output();
        if (output == null) {
            out.add(new Violation(round, "completed without output", job.id()));
            return;
        }
        switch (exp.kind()) {
            case STEPS -> expectSum(round, job, output, JobSpec.sumTo(spec.num("steps")), out);
            case BATCH -> expectSum(round, job, output, JobSpec.sumTo(spec.num("items")), out);
            case WASM -> expectSum(round, job, output.path("sum"), JobSpec.sumTo(spec.num("to")), out);
            case TREE -> {
                if (output.size() != spec.num("children")) {
                    out.add(new Violation(round, "wrong output", job.id() + ": " + output.size() + " child outputs, expected "
                            + spec.num("children")));
                }
                for (JsonNode child : output) {
                    expectSum(round, job, DbSnapshot.json(child.asText()).path("sum"), JobSpec.sumTo(spec.num("childTo")), out);
                }
            }
            default -> {
                expectSum(round, job, output.path("sum"), JobSpec.sumTo(exp.countTo()), out);
                long resumedFrom = output.path("resumedFrom").asLong(-1);
                if (side.lastResumedFrom() >= 0 && resumedFrom != side.lastResumedFrom()) {
                    out.add(new Violation(round, "wrong output", job.id() + ": resumedFrom " + resumedFrom
                            + ", but its last run started at " + side.lastResumedFrom()));
                }
                if (!exp.child() && spec.kind() == dev.stint.torture.Kind.TIMED
                        && (job.attempts() > 2 || job.attemptErrors() != job.attempts() - 1)) {
                    out.add(new Violation(round, "wrong attempt count", job.id() + ": " + job.attempts()
                            + " attempts and " + job.attemptErrors() + " attempt errors, at most 2 attempts allowed"));
                }
                if (!exp.child() && spec.kind() == dev.stint.torture.Kind.FLAKY) {
                    long fail = spec.num("fail");
                    if (job.attempts() != fail + 1 || job.attemptErrors() != fail) {
                        out.add(new Violation(round, "wrong attempt count", job.id() + ": " + job.attempts()
                                + " attempts and " + job.attemptErrors() + " attempt errors, expected " + (fail + 1)
                                + " and " + fail));
                    }
                }
            }
        }
    }

    private static void expectSum(int round, StoredJob job, JsonNode value, long expected, List<Violation> out) {
        if (!value.isNumber() || value.asLong() != expected) {
            out.add(new Violation(round, "wrong output", job.id() + " (" + job.name() + "): " + value + ", expected "
                    + expected));
        }
    }
}
