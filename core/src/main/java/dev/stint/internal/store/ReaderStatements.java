package dev.stint.internal.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reader connection as queries see it: {@code prepareStatement(sql)} hands out a statement kept from an
 * earlier call with the same text, and its {@code close()} resets it for the next one instead of finalizing it.
 * Preparing is most of a short read's cost (the job columns' select list with its damage checks takes about
 * 0.4 ms to prepare and 0.03 ms to run), and every read of a job, a page or the counts is short.
 *
 * <p>Used only under the {@link Database}'s reader lock: one query at a time. A statement asked for again while
 * its earlier use is still open (a query that nests the same text) gets a fresh one, closed for real. The
 * least recently used statements beyond {@value #CAPACITY} are finalized.
 */
final class ReaderStatements {
    static final int CAPACITY = 64;

    private final Connection connection;
    private final Connection view;
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            if (size() > CAPACITY && !eldest.getValue().inUse) {
                eldest.getValue().finalizeQuietly();
                return true;
            }
            return false;
        }
    };

    ReaderStatements(Connection connection) {
        this.connection = connection;
        this.view = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, this::onConnection);
    }

    /** The connection to hand to queries. */
    Connection connection() {
        return view;
    }

    /** Finalizes every kept statement, then closes the connection. */
    void close() throws SQLException {
        kept.values().forEach(Kept::finalizeQuietly);
        kept.clear();
        connection.close();
    }

    private Object onConnection(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                && args[0] instanceof String sql) {
            return checkOut(sql);
        }
        if (method.getName().equals("close") && (args == null || args.length == 0)) {
            close();
            return null;
        }
        return call(connection, method, args);
    }

    private PreparedStatement checkOut(String sql) throws SQLException {
        Kept k = kept.get(sql);
        if (k == null) {
            k = new Kept(connection.prepareStatement(sql));
            kept.put(sql, k);
        } else if (k.inUse) {
            return connection.prepareStatement(sql); // nested use of the same text: a statement of its own
        }
        k.inUse = true;
        return k.view;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement and the view queries get of it. */
    private static final class Kept {
        final PreparedStatement statement;
        final PreparedStatement view;
        boolean inUse;
        ResultSet open;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.view = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this::onStatement);
        }

        private Object onStatement(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    giveBack();
                    return null;
                }
                case "isClosed" -> {
                    return !inUse;
                }
                case "executeQuery" -> {
                    Object rs = call(statement, method, args);
                    open = (ResultSet) rs;
                    return rs;
                }
                default -> {
                    if (!inUse) {
                        throw new SQLException("statement is closed");
                    }
                    return call(statement, method, args);
                }
            }
        }

        /**
         * Ends this use: the result set closed, which resets the statement and ends its read. The parameters stay
         * bound (every query binds all of its own; clearing them costs about as much as preparing anew).
         */
        private void giveBack() throws SQLException {
            if (!inUse) {
                return;
            }
            inUse = false;
            try {
                if (open != null && !open.isClosed()) {
                    open.close();
                }
            } finally {
                open = null;
            }
        }

        void finalizeQuietly() {
            try {
                statement.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
