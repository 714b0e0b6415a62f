package dev.stint.bench.compare;

/** An engine did not reach the state a workload waits for (all jobs finished, a first start) in time. */
public final class BenchTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchTimeoutException(String message) {
        super(message);
    }
}
