package dev.stint.internal.codec;

import dev.stint.ErrorRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored form of an {@link ErrorRecord}: its time as epoch milliseconds ({@code at}). */
public final class StoredError {
    String type;
    String message;
    String stackTrace;
    long at;

    StoredError() {
    }

    /** Converts an error record to its stored form. */
    public static StoredError of(ErrorRecord e) {
        StoredError s = new StoredError();
        s.type = e.type();
        s.message = e.message();
        s.stackTrace = e.stackTrace();
        s.at = e.at().toEpochMilli();
        return s;
    }

    /** Converts back. */
    public ErrorRecord toRecord() {
        return new ErrorRecord(type == null ? "unknown" : type, message, stackTrace, Instant.ofEpochMilli(at));
    }

    /** Converts a list of error records to their stored form. */
    public static StoredError[] ofAll(List<ErrorRecord> errors) {
        return errors.stream().map(StoredError::of).toArray(StoredError[]::new);
    }

    /** Converts a stored list back. */
    public static List<ErrorRecord> toRecords(StoredError[] stored) {
        List<ErrorRecord> out = new ArrayList<>();
        if (stored != null) {
            for (StoredError s : stored) {
                if (s != null) {
                    out.add(s.toRecord());
                }
            }
        }
        return out;
    }
}
