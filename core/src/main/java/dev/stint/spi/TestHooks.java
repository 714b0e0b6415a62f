package dev.stint.spi;

import dev.stint.Library;

/**
 * Test-only settings of a library, kept off the application's {@link Library.Builder}: the test kit
 * ({@code stint-testkit}) and Stint's own crash tests use them. Never call them in production code.
 */
public final class TestHooks {

    private TestHooks() {
    }

    /**
     * Makes the library that {@code builder} opens crash, as if its process were killed, after the commit
     * that {@code crashPoint} selects (see {@link CrashPoint}). Tests only.
     *
     * @return {@code builder}, for chaining
     * @throws NullPointerException if either argument is null
     */
    public static Library.Builder withCrashPoint(Library.Builder builder, CrashPoint crashPoint) {
        EngineProvider.get().crashPoint(builder, crashPoint);
        return builder;
    }

    /**
     * Makes the library that {@code builder} opens check every store of a job's state (each checkpoint, each
     * step, each spawn) by decoding it again and comparing it with the job's fields, instead of only the first
     * store of each run (step results and intermediate results are always checked). A field that would not
     * survive a resume then fails the job with {@link dev.stint.StateRoundTripException} wherever in the run it
     * first goes wrong. Costs a decode per checkpoint: tests only (the test kit's strict mode).
     *
     * @return {@code builder}, for chaining
     * @throws NullPointerException if {@code builder} is null
     */
    public static Library.Builder withStrictRoundTrips(Library.Builder builder) {
        EngineProvider.get().strictRoundTrips(builder);
        return builder;
    }
}
