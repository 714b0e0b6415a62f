package dev.stint.internal.store;

import dev.stint.StorageException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite errors into {@link StorageException}s whose message says what is wrong with the file. */
public final class StoreErrors {
    private StoreErrors() {
    }

    /** Translates {@code e}, which happened while doing {@code what}. */
    public static StorageException translate(String what, SQLException e) {
        String reason = e.getMessage();
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            int primary = code.code & 0xff;
            reason = switch (primary) {
                case 5, 6 -> "the database is locked by another connection or program (" + code.name() + ")";
                case 8 -> "the database is read-only (" + code.name() + ")";
                case 11, 26 -> "the file is corrupt or not a SQLite database (" + code.name() + ")";
                case 13 -> "the disk is full (" + code.name() + ")";
                case 14 -> "the database file cannot be opened (" + code.name() + ")";
                default -> e.getMessage();
            };
        }
        return new StorageException(what + " failed: " + reason, e);
    }
}
