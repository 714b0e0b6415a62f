package dev.stint.internal.exec;

/** Unwinds a job's thread after a simulated crash; an Error, so job code does not catch it by accident. */
final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String jobId) {
        super("simulated crash after a commit of job " + jobId, null, false, false);
    }
}
