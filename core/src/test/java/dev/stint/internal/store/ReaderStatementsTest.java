package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader's kept statements on a real SQLite file in WAL mode, beside a writer connection. */
class ReaderStatementsTest {
    @TempDir
    Path dir;

    private String url;

    @BeforeEach
    void file() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("t.db");
        try (Connection w = DriverManager.getConnection(url); Statement st = w.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
            st.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    private static String value(Connection c, int k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            ps.setInt(1, k);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString("v") : null;
            }
        }
    }

    @Test
    void a_kept_statement_answers_each_use_with_its_own_parameters() throws SQLException {
        ReaderStatements reader = new ReaderStatements(DriverManager.getConnection(url));
        try {
            Connection c = reader.connection();
            assertThat(value(c, 1)).isEqualTo("one");
            assertThat(value(c, 2)).isEqualTo("two");
            assertThat(value(c, 9)).isNull();
            assertThat(value(c, 3)).isEqualTo("three");
        } finally {
            reader.close();
        }
    }

    @Test
    void the_same_text_used_twice_at_once_gets_two_statements() throws SQLException {
        ReaderStatements reader = new ReaderStatements(DriverManager.getConnection(url));
        try {
            Connection c = reader.connection();
            try (PreparedStatement outer = c.prepareStatement("SELECT k FROM t ORDER BY k")) {
                StringBuilder seen = new StringBuilder();
                try (ResultSet rs = outer.executeQuery()) {
                    while (rs.next()) {
                        // the nested use of the same text must not reset the outer cursor
                        try (PreparedStatement inner = c.prepareStatement("SELECT k FROM t ORDER BY k");
                                ResultSet in = inner.executeQuery()) {
                            assertThat(in.next()).isTrue();
                        }
                        seen.append(rs.getInt("k"));
                    }
                }
                assertThat(seen.toString()).isEqualTo("123");
            }
        } finally {
            reader.close();
        }
    }

    @Test
    void a_closed_use_ends_its_read_so_the_next_sees_what_the_writer_committed_and_the_wal_can_be_emptied()
            throws SQLException {
        ReaderStatements reader = new ReaderStatements(DriverManager.getConnection(url));
        try (Connection writer = DriverManager.getConnection(url); Statement w = writer.createStatement()) {
            Connection c = reader.connection();
            assertThat(value(c, 4)).isNull();
            // a result set left open by its caller is closed when the statement is given back
            PreparedStatement left = c.prepareStatement("SELECT v FROM t");
            ResultSet open = left.executeQuery();
            assertThat(open.next()).isTrue();
            left.close();
            assertThat(open.isClosed()).isTrue();
            w.execute("INSERT INTO t VALUES (4, 'four')");
            assertThat(value(c, 4)).isEqualTo("four");
            // no reader holds a snapshot: a truncating checkpoint moves every frame and empties the WAL
            try (ResultSet cp = w.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(cp.next()).isTrue();
                assertThat(cp.getInt(1)).as("busy").isZero();
            }
        } finally {
            reader.close();
        }
    }

    @Test
    void a_given_back_statement_refuses_use_and_closing_twice_is_harmless() throws SQLException {
        ReaderStatements reader = new ReaderStatements(DriverManager.getConnection(url));
        try {
            PreparedStatement ps = reader.connection().prepareStatement("SELECT v FROM t WHERE k = ?");
            ps.close();
            ps.close();
            assertThat(ps.isClosed()).isTrue();
            assertThatThrownBy(() -> ps.setInt(1, 1)).isInstanceOf(SQLException.class);
        } finally {
            reader.close();
        }
    }

    @Test
    void more_texts_than_it_keeps_still_answer_right() throws SQLException {
        ReaderStatements reader = new ReaderStatements(DriverManager.getConnection(url));
        try {
            Connection c = reader.connection();
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < ReaderStatements.CAPACITY * 2; i++) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT v, " + i + " AS n FROM t WHERE k = ?")) {
                        ps.setInt(1, 1 + i % 3);
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rs.next()).isTrue();
                            assertThat(rs.getInt("n")).isEqualTo(i);
                        }
                    }
                }
            }
        } finally {
            reader.close();
        }
        assertThat(reader.connection().isClosed()).isTrue();
    }
}
