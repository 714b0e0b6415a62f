package dev.stint.bench.compare;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The raw limit: the SQL a job lifecycle needs, done directly with sqlite-jdbc on one connection, in
 * batched, set-based statements. Enqueue is a multi-row {@code INSERT} (50 rows a statement) in one
 * transaction per call; one worker thread claims up to 100 queued jobs with one
 * {@code UPDATE … RETURNING} (one commit), runs them inline, then moves them to history with one
 * {@code INSERT … SELECT} and one {@code DELETE} in one transaction. No engine is faster than this on the
 * same file and settings; it has no job objects, no serialization beyond a small blob, no events.
 */
final class RawSqliteEngine implements Engine {
    static final int CLAIM_BATCH = 100;
    private static final int ROWS_PER_INSERT = 50;

    private final RawSchema schema;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition dispatched = lock.newCondition();
    /** Signalled after every commit that moved jobs to history. */
    private final Condition historyGrew = lock.newCondition();
    private final PreparedStatement insertOne;
    private final PreparedStatement insertMany;
    private volatile boolean running = true;
    private final Thread worker;

    private RawSqliteEngine(Path dir, Sync sync, boolean workers, RawSchema schema) throws SQLException {
        this.schema = schema;
        schema.prepareFolder(dir);
        connection = SqliteFiles.dataSource(schema.file(dir), sync).getConnection();
        schema.create(dir, connection);
        insertOne = connection.prepareStatement(schema.insertSql(1));
        insertMany = connection.prepareStatement(schema.insertSql(ROWS_PER_INSERT));
        worker = workers ? Thread.ofPlatform().name("raw-worker").start(this::work) : null;
    }

    static RawSqliteEngine open(Path dir, Sync sync, boolean workers, RawSchema schema) throws SQLException {
        return new RawSqliteEngine(dir, sync, workers, schema);
    }

    @Override
    public void dispatch(long n) throws SQLException {
        lock.lock();
        try {
            bind(insertOne, 0, n);
            insertOne.executeUpdate();
            dispatched.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void dispatchBatch(long from, int count) throws SQLException {
        lock.lock();
        try {
            connection.setAutoCommit(false);
            long n = from;
            long end = from + count;
            for (; n + ROWS_PER_INSERT <= end; n += ROWS_PER_INSERT) {
                for (int r = 0; r < ROWS_PER_INSERT; r++) {
                    bind(insertMany, r, n + r);
                }
                insertMany.executeUpdate();
            }
            for (; n < end; n++) {
                bind(insertOne, 0, n);
                insertOne.executeUpdate();
            }
            connection.commit();
            dispatched.signal();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
            lock.unlock();
        }
    }

    private void bind(PreparedStatement ps, int row, long n) throws SQLException {
        schema.bind(ps, row, n, state(n), System.currentTimeMillis());
    }

    /** The job's state: a few bytes, about what a serialized no-op job's one field costs. */
    private static byte[] state(long n) {
        byte[] b = new byte[10];
        b[0] = (byte) 0x81;
        b[1] = (byte) 0xa1;
        b[2] = 'n';
        b[3] = (byte) 0xcf;
        for (int i = 0; i < 6; i++) {
            b[4 + i] = (byte) (n >>> (8 * (5 - i)));
        }
        return b;
    }

    private void work() {
        try (PreparedStatement claim = connection.prepareStatement(schema.claimSql(CLAIM_BATCH));
                PreparedStatement toHistory = connection.prepareStatement(schema.toHistorySql());
                PreparedStatement delete = schema.deleteMovedSql() == null ? null
                        : connection.prepareStatement(schema.deleteMovedSql())) {
            while (running) {
                lock.lock();
                try {
                    int claimed = 0;
                    claim.setLong(1, System.currentTimeMillis());
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            JobProbe.started(rs.getLong(1));
                            claimed++;
                        }
                    }
                    if (claimed == 0) {
                        dispatched.await(10, TimeUnit.MILLISECONDS);
                        continue;
                    }
                    connection.setAutoCommit(false);
                    try {
                        toHistory.setLong(1, System.currentTimeMillis());
                        toHistory.executeUpdate();
                        if (delete != null) {
                            delete.executeUpdate();
                        }
                        connection.commit();
                        historyGrew.signalAll();
                    } finally {
                        connection.setAutoCommit(true);
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            if (running) {
                throw new IllegalStateException("raw worker failed", e);
            }
        }
    }

    @Override
    public void awaitFinished(long total, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                long done;
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM job_history")) {
                    rs.next();
                    done = rs.getLong(1);
                }
                if (done >= total) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new BenchTimeoutException("raw: " + done + " of " + total + " finished within " + timeout);
                }
                // counted again only after the worker's next commit to history
                historyGrew.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Single-row {@code UPDATE}s of a {@code bytes}-long blob, one commit each: the raw checkpoint. */
    @Override
    public long checkpoints(int times, int bytes) throws SQLException {
        byte[] state = new byte[bytes];
        lock.lock();
        try (PreparedStatement insert = connection.prepareStatement(schema.checkpointSetupSql());
                PreparedStatement update = connection.prepareStatement(schema.checkpointSql())) {
            insert.setBytes(1, state);
            insert.executeUpdate();
            long t0 = System.nanoTime();
            for (int i = 0; i < times; i++) {
                state[i % bytes]++;
                update.setBytes(1, state);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("raw checkpoint: row missing");
                }
            }
            return System.nanoTime() - t0;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        running = false;
        if (worker != null) {
            lock.lock();
            try {
                dispatched.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                worker.join(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            insertOne.close();
            insertMany.close();
            connection.close();
        } catch (SQLException e) {
            throw new EngineException("raw: closing the connection failed", e);
        } finally {
            lock.unlock();
        }
    }
}
