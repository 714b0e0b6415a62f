package dev.stint;

/** A listener registration; closing it removes the listener. Closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    /** Removes the listener. */
    @Override
    void close();
}
