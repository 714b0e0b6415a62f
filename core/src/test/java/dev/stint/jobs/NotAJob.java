package dev.stint.jobs;

/**
 * Not a job: a class that crafted {@code jobs.db} rows name, to prove the engine never loads classes by the
 * names it reads. Initialising it would set {@link Witness#FLAG}.
 */
public final class NotAJob {
    static {
        Witness.FLAG.set(true);
    }

    private NotAJob() {
    }

    /** Set when {@link NotAJob} is initialised (it must never be); checking it does not initialise NotAJob. */
    public static final class Witness {
        public static final java.util.concurrent.atomic.AtomicBoolean FLAG = new java.util.concurrent.atomic.AtomicBoolean();

        private Witness() {
        }
    }
}
