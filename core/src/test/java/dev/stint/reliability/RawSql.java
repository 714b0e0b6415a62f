package dev.stint.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain SQL on a closed library's {@code jobs.db}: to craft the damage a library must survive. */
final class RawSql {
    private RawSql() {
    }

    static Connection connect(Path library) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + library.resolve("jobs.db"));
    }

    static int update(Path library, String sql, Object... args) throws SQLException {
        try (Connection c = connect(library); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static byte[] blob(Path library, String sql, Object... args) throws SQLException {
        try (Connection c = connect(library); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    static long number(Path library, String sql) throws SQLException {
        try (Connection c = connect(library); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Path library, String sql) throws SQLException {
        try (Connection c = connect(library); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
