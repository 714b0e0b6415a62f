package dev.stint.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * How the job store binds Java values to statement parameters and reads them back: nullable numbers and blobs,
 * and lists of ids as one JSON array for {@code json_each}.
 */
final class SqlValues {
    private SqlValues() {
    }

    static void setLongOrNull(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setLong(index, value);
        }
    }

    /** A nullable integer column of the current row, read by name. */
    static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** A nullable REAL column, read by name. */
    static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static void setBytesOrNull(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BLOB);
        } else {
            ps.setBytes(index, value);
        }
    }

    /** A JSON array of ids for {@code json_each}. */
    static String jsonArray(List<String> ids) {
        StringBuilder json = new StringBuilder(ids.size() * 40).append('[');
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"');
            String id = ids.get(i);
            for (int k = 0; k < id.length(); k++) {
                char ch = id.charAt(k);
                if (ch == '"' || ch == '\\') {
                    json.append('\\').append(ch);
                } else if (ch < 0x20) {
                    json.append(String.format("\\u%04x", (int) ch));
                } else {
                    json.append(ch);
                }
            }
            json.append('"');
        }
        return json.append(']').toString();
    }
}
