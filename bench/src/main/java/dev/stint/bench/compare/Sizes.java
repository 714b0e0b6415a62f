package dev.stint.bench.compare;

/**
 * How many jobs each workload uses. Stint and the raw limit get sizes that run about 10 s or more for
 * Stint; the peers get smaller sizes where theirs would take minutes (the table shows every row's N).
 */
record Sizes(int dispatchOne, int dispatchOnePeers, int dispatchBulk, int dispatchBulkPeers, int endToEnd,
        int endToEndPeers, int latencySamples, int latencySamplesPeers, int latencySamplesJobRunr,
        int checkpoints, int checkpointBytes, int openQueued, int openQueuedPeers, int heapQueued,
        int heapQueuedPeers) {

    static final Sizes FULL = new Sizes(40_000, 5_000, 1_000_000, 20_000, 50_000, 5_000, 500, 200, 6, 10_000, 1024,
            100_000, 10_000, 1_000_000, 20_000);
    static final Sizes QUICK = new Sizes(100, 50, 2_000, 500, 500, 100, 20, 10, 1, 200, 1024, 2_000, 300, 5_000,
            500);
    /** For the CI smoke test: every engine and workload once, a few seconds each. */
    static final Sizes TINY = new Sizes(20, 10, 200, 100, 100, 40, 5, 3, 1, 50, 1024, 200, 100, 300, 100);

    /** The bulk call's size: every engine's bulk enqueue is called with this many jobs. */
    static final int BULK = 1000;

    Sizes scaled(double f) {
        return new Sizes(s(dispatchOne, f), s(dispatchOnePeers, f), s(dispatchBulk, f), s(dispatchBulkPeers, f),
                s(endToEnd, f), s(endToEndPeers, f), s(latencySamples, f), s(latencySamplesPeers, f),
                s(latencySamplesJobRunr, f), s(checkpoints, f), checkpointBytes, s(openQueued, f),
                s(openQueuedPeers, f), s(heapQueued, f), s(heapQueuedPeers, f));
    }

    private static int s(int n, double f) {
        return (int) Math.max(1, Math.round(n * f));
    }

    static int pick(EngineKind engine, int own, int peers) {
        return engine.isPeer() ? peers : own;
    }
}
