package dev.dbtest.core.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One physical connection, taken from the pool for a test (or for a class) and shared by every handle given out
 * while it is pinned.
 *
 * <p>The physical connection never commits: {@code autoCommit} is off from {@link #pin} to the end, and what the code
 * under test sees as transactions are savepoints inside one physical transaction (see {@link TransactionScope}).
 * Every use of the physical connection holds {@link #lock()}, so uses from several threads are serialized, never
 * interleaved.
 */
public final class PinnedConnection {

    private final Connection physical;
    private final Dialect dialect;
    private final StatementSavepoints statementSavepoints;
    private final ReentrantLock lock = new ReentrantLock();
    private final String schemaWhenPinned;
    private Discard discard = Connection::close;
    // A real connection of a non-transactional test: its handle commits, rolls back and locks for real; only statement
    // capture (and the lock) stay. False for the pinned connection of a test transaction.
    private final boolean passThrough;

    /** Ends a physical connection whose transaction could not be rolled back, so that its pool never hands it out. */
    @FunctionalInterface
    public interface Discard {
        void discard(Connection physical) throws SQLException;
    }

    private TransactionScope current;
    private boolean statementAutoCommits; // of the statement running now; guarded by the lock
    // The statement running now, for capture; guarded by the lock.
    private HandleStatement capturing;
    private String capturedSql;
    private int capturedBatch;
    private long capturedStart;
    private java.util.function.Supplier<String> capturedCaller;
    private dev.dbtest.core.StatementType capturedType; // null: read from the SQL
    private boolean transactionBegun;
    private String lastAllowedSql; // the last SQL that refuseWhatEscapesTheTransaction let through, compared by identity
    private int savepointCount;

    // Isolation level and read-only state the code under test asked for when they could not be applied to the
    // physical connection (its transaction had begun). null: nothing asked, the physical connection's state holds.
    Integer emulatedIsolation;
    Boolean emulatedReadOnly;

    private PinnedConnection(Connection physical, Dialect dialect, StatementSavepoints statementSavepoints,
            boolean passThrough) throws SQLException {
        this.physical = physical;
        this.passThrough = passThrough;
        this.dialect = dialect;
        this.statementSavepoints = statementSavepoints;
        // H2's SET SCHEMA is not transactional, so it has to be put back by hand; on PostgreSQL the rollback does it.
        this.schemaWhenPinned = dialect == Dialect.H2 && !passThrough ? physical.getSchema() : null;
    }

    /**
     * Pins {@code physical}: switches its {@code autoCommit} off and opens the outermost scope on it.
     * Closing that scope rolls the physical transaction back and closes {@code physical} (returning it to its pool).
     *
     * @param physical a connection from the pool, used by nothing else
     * @param dialect the database it talks to
     * @param owner the test or class it is pinned for, as messages name it
     * @param statementSavepoints how a statement in auto-commit mode gets its own savepoint on this connection
     * @return the outermost scope
     */
    public static TransactionScope pin(Connection physical, Dialect dialect, String owner,
            StatementSavepoints statementSavepoints) throws SQLException {
        physical.setAutoCommit(false);
        PinnedConnection pinned = new PinnedConnection(physical, dialect, statementSavepoints, false);
        pinned.current = new TransactionScope(pinned, null, owner);
        return pinned.current;
    }

    /**
     * Wraps {@code physical} for a test that must really commit (DESIGN.md, per-test transaction, point 5): nothing is
     * emulated. Its handles commit, roll back, set auto-commit and take locks on {@code physical} itself, and no SQL is
     * refused; statements are still captured into the scope's log. Closing the scope (or its one handle) rolls back
     * what is not committed and closes {@code physical}, returning it to its pool.
     *
     * @param physical a connection from the pool, used by nothing else, in the state the pool gives it
     * @param dialect the database it talks to
     * @param owner the test it is taken for, as messages name it
     * @param discard how to end {@code physical} when its rollback fails
     * @return the scope of the connection
     */
    public static TransactionScope passThrough(Connection physical, Dialect dialect, String owner, Discard discard)
            throws SQLException {
        PinnedConnection pinned = new PinnedConnection(physical, dialect, StatementSavepoints.explicit(), true);
        pinned.discard = discard;
        pinned.current = new TransactionScope(pinned, null, owner);
        return pinned.current;
    }

    /** Tells whether this is a real connection of a non-transactional test, where nothing is emulated. */
    boolean passThrough() {
        return passThrough;
    }

    /**
     * The same, with how to end {@code physical} when its transaction could not be rolled back: still in that
     * transaction, it must not go back to its pool (by default it is closed, which is enough without a pool).
     */
    public static TransactionScope pin(Connection physical, Dialect dialect, String owner,
            StatementSavepoints statementSavepoints, Discard discard) throws SQLException {
        TransactionScope scope = pin(physical, dialect, owner, statementSavepoints);
        scope.pinned().discard = discard;
        return scope;
    }

    /** Ends the physical connection after a failed rollback: see {@link Discard}. */
    void discard() throws SQLException {
        discard.discard(physical);
    }

    /** Returns the database this connection talks to. */
    public Dialect dialect() {
        return dialect;
    }

    public Connection physical() {
        return physical;
    }

    ReentrantLock lock() {
        return lock;
    }

    TransactionScope current() {
        return current;
    }

    void setCurrent(TransactionScope scope) {
        current = scope;
    }

    boolean hasTransactionBegun() {
        return transactionBegun;
    }

    Savepoint newSavepoint(String kind) throws SQLException {
        savepointsChanged();
        Savepoint savepoint = physical.setSavepoint("dbtest_" + kind + "_" + (++savepointCount));
        transactionBegun = true;
        return savepoint;
    }

    /** Called before a savepoint other than a statement's own is set, released or rolled back to. */
    void savepointsChanged() {
        statementSavepoints.otherSavepointChanged();
    }

    void transactionBegun() {
        transactionBegun = true;
    }

    void physicalTransactionEnded() {
        transactionBegun = false;
        emulatedIsolation = null;
        emulatedReadOnly = null;
    }

    void restoreSchemaIfNotTransactional() throws SQLException {
        if (schemaWhenPinned != null && !schemaWhenPinned.equals(physical.getSchema())) {
            physical.setSchema(schemaWhenPinned);
        }
    }

    /**
     * Starts one statement of {@code handle}: takes the lock, refuses what cannot be rolled back, begins the scope's
     * transaction, and, when the handle is in (emulated) auto-commit mode on a database where a failed statement aborts
     * the transaction, gives the statement a savepoint of its own.
     *
     * <p>Every call that returns must be followed by exactly one {@link #statementSucceeded} or
     * {@link #statementFailed}; a call that throws holds no lock.
     *
     * @param sql the statement, or {@code null} when it was checked before (a prepared statement, a batch)
     * @return whether the statement runs in its own savepoint; pass it on to the call that ends the statement
     */
    boolean beforeStatement(ConnectionHandle handle, String sql) throws SQLException {
        return beforeStatement(handle, sql, sql);
    }

    /**
     * The same, with the SQL the statement sends when it was checked before ({@code sql} is {@code null}): a prepared
     * statement's text, or {@code null} when the call sends no statement of the code's (a description).
     */
    boolean beforeStatement(ConnectionHandle handle, String sql, String sent) throws SQLException {
        lock.lock();
        if (passThrough) {
            try {
                handle.checkOpen();
            } catch (SQLException e) {
                lock.unlock();
                throw e;
            }
            statementAutoCommits = false; // the database's own auto-commit: nothing to emulate
            return false;
        }
        try {
            handle.checkOpen();
            if (sql != null && sql != lastAllowedSql) {
                refuseWhatEscapesTheTransaction(sql);
                // The same String again (a prepared statement run in a loop, an ORM's cached SQL) needs no second
                // look: whether SQL is refused depends on its text and the dialect alone.
                lastAllowedSql = sql;
            }
            TransactionScope scope = current;
            scope.begin();
            statementAutoCommits = handle.autoCommitEmulated();
            if (!statementAutoCommits) {
                scope.commitAutoCommittedWork();
            }
            boolean guarded = statementAutoCommits && dialect.failedStatementAbortsTransaction();
            if (guarded) {
                statementSavepoints.before(physical, sent);
            }
            return guarded;
        } catch (SQLException | RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** Marks the start of the statement {@link #beforeStatement} let through, for statement capture. */
    void startCapture(HandleStatement statement, String sql, int batch, dev.dbtest.core.StatementType type) {
        capturing = statement;
        capturedType = type;
        capturedSql = sql;
        capturedBatch = batch;
        // The caller is found before the statement goes out, while the thread's stack is hot in the CPU's caches:
        // after the wait for the database the same walk costs several times more (measured in CaptureOverheadBenchmark).
        StatementLog log = current == null ? null : current.log();
        capturedCaller = log == null || sql == null ? null : log.callers() ? Callers.find() : Callers.NOT_FOUND;
        // What a report of the handle left open names when its site was not recorded; found here (a walk for the
        // handle's first statement only) where capture found none, as under @BeforeAll, unless callers are off.
        OpeningSite site = statement.handle.openedAt();
        if (site != null && site.wantsFirstStatementCaller()) {
            site.statementRan(capturedCaller != null ? capturedCaller
                    : log != null && !log.callers() ? Callers.NOT_FOUND : Callers.find());
        }
        capturedStart = System.nanoTime();
    }

    /** Records the statement that just ended into the current scope's log, if it has one. */
    private void capture(boolean failed) {
        HandleStatement statement = capturing;
        if (statement == null) {
            return;
        }
        long nanos = System.nanoTime() - capturedStart;
        capturing = null;
        StatementLog log = current == null ? null : current.log();
        if (log == null || capturedSql == null) {
            return;
        }
        Thread thread = Thread.currentThread();
        log.record(new dev.dbtest.core.CapturedStatement(capturedSql, statement.capturedParameters(capturedBatch > 0),
                capturedBatch, capturedType != null ? capturedType : statement.capturedType(capturedSql),
                java.time.Duration.ofNanos(nanos), thread.getName(),
                thread == log.testThread(), capturedCaller, failed));
        capturedCaller = null;
    }

    /** Ends a statement that worked: releases its savepoint and the lock; the lock is released even when this throws. */
    void statementSucceeded(boolean guarded) throws SQLException {
        capture(false);
        try {
            if (guarded) {
                statementSavepoints.succeeded(physical);
            }
            if (statementAutoCommits) {
                current.autoCommitted();
            }
        } catch (SQLException | RuntimeException e) {
            undoStatement(e);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Ends a statement that failed: undoes it when it ran in its own savepoint, and releases the lock. */
    void statementFailed(boolean guarded, Throwable failure) {
        capture(true);
        try {
            if (guarded) {
                undoStatement(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    private void undoStatement(Throwable failure) {
        try {
            statementSavepoints.failed(physical);
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Refuses, before it runs, SQL that would end the test transaction behind dbtest's back: transaction control sent as
     * SQL ({@code COMMIT}, {@code ROLLBACK}, {@code BEGIN}, ...), and DDL on H2, which commits implicitly. Every statement
     * of a multi-statement string is checked.
     */
    void refuseWhatEscapesTheTransaction(String sql) {
        DbTestException refusal = refusalFor(sql);
        if (refusal != null) {
            throw refusal;
        }
    }

    /** Returns the refusal {@link #refuseWhatEscapesTheTransaction} would throw for {@code sql}, or {@code null}. */
    DbTestException refusalFor(String sql) {
        for (String statement : SqlText.statements(sql)) {
            if (SqlText.controlsTransaction(statement)) {
                return new DbTestException("Transaction control sent as SQL is refused inside a test: "
                        + SqlText.abbreviate(statement) + "\n"
                        + "  in: " + current.owner() + "\n"
                        + "  why: it would end the test transaction, which dbtest rolls back after the test, so the "
                        + "test's rows would be committed or dbtest's savepoints lost.\n"
                        + "  fix: call Connection.commit(), rollback() or setAutoCommit(...) instead (dbtest emulates "
                        + "them inside the test transaction), and leave BEGIN and COMMIT out of scripts run in tests.");
            }
            if (dialect == Dialect.H2 && SqlText.changesH2Setting(statement)) {
                return new DbTestException("This SET is refused inside a test on H2: " + SqlText.abbreviate(statement)
                        + "\n"
                        + "  in: " + current.owner() + "\n"
                        + "  why: H2 commits the open transaction before it changes this setting, so the rows of this "
                        + "test would be committed and survive it.\n"
                        + "  fix: put the setting in the database URL or the schema scripts, or run this test on "
                        + "PostgreSQL (dbtest.database=postgres).");
            }
            if (!dialect.transactionalDdl() && SqlText.commitsImplicitlyOnH2(statement)) {
                return new DbTestException("DDL inside a test is refused on H2: " + SqlText.abbreviate(statement) + "\n"
                        + "  in: " + current.owner() + "\n"
                        + "  why: H2 commits the open transaction before every DDL statement, so the rows of this test "
                        + "would be committed and survive it.\n"
                        + "  fix: create the schema before the tests (@DatabaseTest(scripts = ...)), use "
                        + "CREATE LOCAL TEMPORARY TABLE ... TRANSACTIONAL, or run this test on PostgreSQL "
                        + "(dbtest.database=postgres), where DDL is rolled back with the test.");
            }
        }
        return null;
    }
}
