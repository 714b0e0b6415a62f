package dev.stint.bench.compare;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections for the peers and the raw limit, configured like Stint's: WAL, the run's
 * {@code synchronous} setting, a busy timeout. The peers get a HikariCP pool of exactly one connection, the
 * only configuration in which they run reliably on SQLite.
 */
final class SqliteFiles {
    private static final int BUSY_TIMEOUT_MS = 30_000;

    private SqliteFiles() {
    }

    static SQLiteDataSource dataSource(Path file, Sync sync) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(sync == Sync.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return ds;
    }

    /** A pool of one connection (HikariCP), for a peer. */
    static HikariDataSource singleConnectionPool(Path file, Sync sync, String name) {
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(dataSource(file, sync));
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(1);
        hc.setPoolName(name);
        hc.setConnectionTimeout(Duration.ofMinutes(2).toMillis());
        return new HikariDataSource(hc);
    }

    /** Runs a script of {@code ;}-separated statements (no {@code ;} inside a statement). */
    static void runScript(Connection c, String script) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : script.split(";")) {
                if (!sql.isBlank()) {
                    st.execute(sql);
                }
            }
        }
    }

    /**
     * Polls {@code countSql} (a single {@code count(*)}) on a separate read connection until it returns
     * {@code expected}. WAL lets it read while the engine writes.
     */
    static void awaitCount(Path file, String countSql, long expected, Duration timeout, String what) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = dataSource(file, Sync.NORMAL).getConnection(); Statement st = c.createStatement()) {
            long last = -1;
            while (true) {
                try (ResultSet rs = st.executeQuery(countSql)) {
                    rs.next();
                    last = rs.getLong(1);
                }
                if (last == expected) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new BenchTimeoutException(what + ": '" + countSql + "' is " + last + ", expected " + expected
                            + " within " + timeout);
                }
                LockSupport.parkNanos(2_000_000);
            }
        }
    }
}
