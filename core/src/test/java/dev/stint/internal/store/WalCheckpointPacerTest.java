package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's WAL checkpoint pacing, on a real SQLite file in WAL mode. */
class WalCheckpointPacerTest {
    @TempDir
    Path dir;

    @Test
    void an_idle_writer_checkpoints_whatever_is_owed_and_a_busy_one_waits_for_the_interval() throws Exception {
        Path file = dir.resolve("wal.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA wal_autocheckpoint=0");
            st.execute("CREATE TABLE t (x)");
            WalCheckpointPacer pacer = new WalCheckpointPacer("test");
            assertThat(pacer.owed()).isFalse();
            for (int i = 0; i < 3; i++) {
                st.execute("INSERT INTO t VALUES (" + i + ")");
                pacer.committed();
            }
            assertThat(pacer.owed()).isTrue();
            assertThat(pacer.worthTrying(false)).isFalse(); // busy: 3 commits are far below the interval
            assertThat(pacer.checkpointIfDue(c, false)).isTrue();
            assertThat(pacer.owed()).isTrue(); // nothing was done
            assertThat(pacer.worthTrying(true)).isTrue();
            assertThat(pacer.checkpointIfDue(c, true)).isTrue();
            assertThat(pacer.owed()).isFalse();
            // the checkpoint copied the WAL into the database file
            try (var rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                rs.next();
                assertThat(rs.getLong(3)).isEqualTo(rs.getLong(2));
            }
            assertThat(Files.size(file)).isGreaterThan(0);
        }
    }
}
