package dev.stint;

/**
 * Receives job events. Called on the library's event thread, never on a worker; an exception thrown by
 * a listener is logged and does not affect the job or other listeners. Keep it short: a slow listener
 * delays the events of the whole library (hand work to another thread, such as the UI thread).
 */
@FunctionalInterface
public interface JobListener {

    /** Handles one event. */
    void onEvent(JobEvent event);
}
