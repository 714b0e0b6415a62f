package dev.stint;

import java.util.List;

/**
 * What is wrong with a row of {@code jobs.db} that cannot be used as a job: a key column missing, of the
 * wrong type or out of range (a crafted or damaged file). Such a job is <em>quarantined</em>: it is listed
 * ({@link JobInfo#damage()}), never run, not counted as pending, and nothing else in the library depends on
 * it. To get rid of it, restore {@code jobs.db} from a backup or delete the row with a SQLite tool while the
 * library is closed.
 *
 * @param table the table holding the row: {@code jobs} (active) or {@code job_history}
 * @param seq the row's {@code seq} (its dispatch order), which names it even when its id is missing
 * @param problems each problem, naming its column (for example {@code "status is not queued, running or paused"})
 */
public record RowDamage(String table, long seq, List<String> problems) {

    /** Copies the list. */
    public RowDamage {
        problems = List.copyOf(problems);
    }

    /** The problems as one line, for a table cell or a log. */
    public String summary() {
        return table + " row " + seq + ": " + String.join("; ", problems);
    }
}
