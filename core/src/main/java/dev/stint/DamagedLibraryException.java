package dev.stint;

import java.util.List;

/**
 * {@code jobs.db} lost something a library cannot do without, so the library refuses to open (and changes
 * nothing): a table, a column or the unique key of job ids is missing (the file was altered outside Stint),
 * or the file is empty or gone in a folder that already held a library (its lock file, {@code logs/} or
 * write-ahead log say so), which would otherwise silently start an empty library. Restore {@code jobs.db} from
 * a backup; what can be repaired without losing anything (a missing index, a side table while no job is
 * active) is repaired at open instead and never reaches this exception.
 */
public final class DamagedLibraryException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** The library in {@code file} cannot be opened because of {@code problems}; {@code advice} says what to do. */
    public DamagedLibraryException(String file, List<String> problems, String advice) {
        super(file + " cannot be opened: " + String.join("; ", problems) + ". " + advice, null);
        this.problems = List.copyOf(problems);
    }

    /** What is missing or wrong, one entry each (for example {@code "table job_steps is missing"}). */
    public List<String> problems() {
        return problems;
    }
}
