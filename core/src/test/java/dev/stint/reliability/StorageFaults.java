package dev.stint.reliability;

import dev.stint.Library;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Real SQLite failures on a running library's own writer connection, without root and without mocks.
 *
 * <p>As root (CI containers) {@code chmod} does not stop writes, and already-open file descriptors ignore
 * it anyway; a size-limited file system needs {@code mount}. SQLite's per-connection pragmas do the same
 * thing from inside: {@code query_only} makes every write fail with {@code SQLITE_READONLY} and
 * {@code max_page_count} makes any write that grows the file fail with {@code SQLITE_FULL}, through the
 * engine's real statements, transactions and error translation, and both can be undone ("space returns").
 * They are per connection, so they are set on the engine's writer connection, reached by reflection (the
 * first field of the right type along library, lifecycle, database, writer, its batch transaction): a test-only intrusion, kept here.
 */
final class StorageFaults {
    private final Connection writer;

    private StorageFaults(Connection writer) {
        this.writer = writer;
    }

    /** The faults of an open library's writer connection. */
    static StorageFaults of(Library library) {
        Object lifecycle;
        try {
            lifecycle = fieldOfType(library, Class.forName("dev.stint.internal.exec.Lifecycle"));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the storage internals changed; update StorageFaults", e);
        }
        Object database = fieldOfType(lifecycle, dev.stint.internal.store.Database.class);
        Object writer = fieldOfType(database, dev.stint.internal.store.GroupCommitWriter.class);
        Object transaction;
        try {
            transaction = fieldOfType(writer, Class.forName("dev.stint.internal.store.BatchTransaction"));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the storage internals changed; update StorageFaults", e);
        }
        return new StorageFaults((Connection) fieldOfType(transaction, Connection.class));
    }

    /** The file becomes read-only for the engine (SQLITE_READONLY on every write), or writable again. */
    void readOnly(boolean on) throws SQLException {
        execute("PRAGMA query_only = " + (on ? 1 : 0));
    }

    /** The disk is full: the file cannot grow by a single page (SQLITE_FULL). */
    void diskFull() throws SQLException {
        long pages;
        try (Statement st = writer.createStatement(); var rs = st.executeQuery("PRAGMA page_count")) {
            rs.next();
            pages = rs.getLong(1);
        }
        execute("PRAGMA max_page_count = " + pages);
    }

    /** Space returns. */
    void spaceReturns() throws SQLException {
        execute("PRAGMA max_page_count = 1073741823");
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = writer.createStatement()) {
            st.execute(sql);
        }
    }

    private static Object fieldOfType(Object owner, Class<?> type) {
        for (Class<?> c = owner.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (type.isAssignableFrom(f.getType())) {
                    try {
                        f.setAccessible(true);
                        return f.get(owner);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError("cannot reach " + type.getSimpleName() + " in " + c.getName(), e);
                    }
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " field in " + owner.getClass().getName()
                + ": the storage internals changed; update StorageFaults");
    }
}
