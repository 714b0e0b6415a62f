package dev.stint.internal.store;

import dev.stint.DamagedLibraryException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Checks at open that {@code jobs.db} still has the structure {@link Schema#LATEST} describes, so that no
 * statement fails with "no such table" on every scheduler pass. The expected structure is the schema itself,
 * built once in an in-memory database from the same migrations.
 *
 * <p>The rule: what can be put back without losing anything is repaired, in one transaction, with a warning;
 * everything else is refused with a {@link DamagedLibraryException} naming what is missing, before anything
 * runs. Repaired: a missing index (rebuilt from the rows); the views {@code jobs} and {@code job_history} when
 * they are missing or read anything but what {@link Schema} defines (they hold no rows); a missing
 * {@code job_checkpoints} or {@code job_steps} while no job is active (they only ever hold rows of active
 * jobs). Refused: any other missing table ({@code job_rows}, {@code queues}, {@code recurring_jobs}: their rows
 * are gone, and recreating them would hide that), a side table while jobs are active (they would redo committed
 * work), a missing column, {@code job_rows} without a unique key on {@code id} (the foreign keys of the side
 * tables need it), and an index that cannot be rebuilt (a unique index over duplicate values).
 */
final class SchemaCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaCheck.class);
    private static final Set<String> SIDE_TABLES = Set.of("job_checkpoints", "job_steps");
    private static final String ADVICE = "It was altered outside Stint; restore jobs.db from a backup"
            + " (this library was not changed)";

    /** The structure of a database at {@link Schema#LATEST}. */
    private record Structure(Map<String, String> tables, Map<String, List<String>> columns,
            Map<String, String> indexes, Map<String, String> views) {
    }

    private static volatile Structure expected;

    private SchemaCheck() {
    }

    /**
     * Repairs or refuses {@code c}'s structure (see {@link SchemaCheck}).
     *
     * @throws DamagedLibraryException if something is missing that cannot be put back without loss
     */
    static void verify(Connection c, String file) throws SQLException {
        Structure want = expected();
        Structure have = read(c);
        List<String> problems = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        boolean anyActive = have.tables().containsKey("job_rows")
                && count(c, "SELECT EXISTS (SELECT 1 FROM job_rows WHERE finished_at IS NULL)") > 0;
        for (Map.Entry<String, String> t : want.tables().entrySet()) {
            String table = t.getKey();
            if (!have.tables().containsKey(table)) {
                if (SIDE_TABLES.contains(table) && !anyActive && have.tables().containsKey("job_rows")) {
                    repairs.add(t.getValue());
                } else {
                    problems.add("table " + table + " is missing"
                            + (SIDE_TABLES.contains(table) ? " while jobs are active" : ""));
                }
                continue;
            }
            for (String column : want.columns().get(table)) {
                if (!have.columns().get(table).contains(column)) {
                    problems.add("column " + table + "." + column + " is missing");
                }
            }
        }
        if (have.tables().containsKey("job_rows") && !uniqueOnId(c, "job_rows")) {
            problems.add("job_rows.id is no longer unique (its UNIQUE constraint was removed)");
        }
        for (String name : have.views().keySet()) {
            if (have.tables().containsKey(name) || have.indexes().containsKey(name)) {
                problems.add(name + " is both a view and a table or index");
            }
        }
        if (!problems.isEmpty()) {
            throw new DamagedLibraryException(file, problems, ADVICE);
        }
        for (Map.Entry<String, String> i : want.indexes().entrySet()) {
            if (!have.indexes().containsKey(i.getKey())) {
                repairs.add(i.getValue());
            }
        }
        for (Map.Entry<String, String> v : want.views().entrySet()) {
            // a view holds no rows: one that is missing or reads anything else than it should is put back
            String haveSql = have.views().get(v.getKey());
            if (!v.getValue().equals(haveSql)) {
                if (haveSql != null) {
                    repairs.add("DROP VIEW \"" + v.getKey() + "\"");
                }
                repairs.add(v.getValue());
            }
        }
        if (!repairs.isEmpty()) {
            repair(c, file, repairs);
        }
    }

    private static void repair(Connection c, String file, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            String current = null;
            try {
                for (String sql : statements) {
                    current = sql;
                    st.execute(sql);
                }
                st.execute("COMMIT");
            } catch (SQLException e) {
                st.execute("ROLLBACK");
                throw new DamagedLibraryException(file, List.of("cannot rebuild what is missing (" + current + "): "
                        + e.getMessage()), ADVICE);
            }
        }
        LOG.warn("{} had lost structure that could be rebuilt without losing anything; rebuilt: {}", file, statements);
    }

    /** Whether {@code table} has a unique index on {@code id} alone. */
    private static boolean uniqueOnId(Connection c, String table) throws SQLException {
        List<String> unique = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT name FROM pragma_index_list('" + table + "') WHERE \"unique\" = 1"
                        + " AND partial = 0")) {
            while (rs.next()) {
                unique.add(rs.getString(1));
            }
        }
        for (String index : unique) {
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT group_concat(name) FROM pragma_index_info('"
                            + index.replace("'", "''") + "')")) {
                if (rs.next() && "id".equals(rs.getString(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static Structure expected() throws SQLException {
        Structure s = expected;
        if (s == null) {
            try (Connection memory = new SQLiteConfig().createConnection("jdbc:sqlite::memory:")) {
                Schema.create(memory);
                s = read(memory);
            }
            expected = s;
        }
        return s;
    }

    private static Structure read(Connection c) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        Map<String, String> indexes = new LinkedHashMap<>();
        Map<String, String> views = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT type, name, sql FROM sqlite_master"
                        + " WHERE type IN ('table', 'index', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY rowid")) {
            while (rs.next()) {
                Map<String, String> kind = switch (rs.getString(1)) {
                    case "table" -> tables;
                    case "index" -> indexes;
                    default -> views;
                };
                kind.put(rs.getString(2), rs.getString(3));
            }
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String table : tables.keySet()) {
            Set<String> names = new LinkedHashSet<>();
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name FROM pragma_table_info('" + table.replace("'", "''")
                            + "')")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            columns.put(table, List.copyOf(names));
        }
        return new Structure(tables, columns, indexes, views);
    }
}
