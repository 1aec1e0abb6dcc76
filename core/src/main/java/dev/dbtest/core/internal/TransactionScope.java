package dev.dbtest.core.internal;

import dev.dbtest.core.DbTestException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * One level of work on a {@link PinnedConnection} that is undone as a whole: a test, or a class whose
 * {@code @BeforeAll} wrote rows.
 *
 * <p>A scope begins lazily: its savepoint (the <em>base</em>) is set before its first statement, so a test that sends
 * nothing costs no round trip, and session settings asked for before that can still be applied to the connection.
 * What the code under test calls a transaction lives between <em>commit points</em>: {@code commit()} releases the
 * last commit point and sets a new one, {@code rollback()} goes back to it. Closing the scope rolls back to its base
 * (the outermost scope rolls back the physical transaction), puts back the session state changed in it and closes
 * every handle still open.
 *
 * <p>Scopes nest like a stack: a test scope opened on a class's pinned connection is closed before the class scope.
 */
public final class TransactionScope implements AutoCloseable {

    private final PinnedConnection pinned;
    private final TransactionScope parent;
    private final String owner;
    private final List<ConnectionHandle> handles = new ArrayList<>();

    private volatile StatementLog log; // where statements of this scope's handles are captured, or null
    private volatile LeakSites leakSites; // whether handles remember where they were taken, for leak reports; or null
    private List<OpeningSite> openAtClose = List.of(); // handles the code under test left open; guarded by the lock

    private boolean begun;
    // Work has been auto-committed since the last commit point: a rollback() must not undo it.
    private boolean autoCommittedSinceCommitPoint;
    private Savepoint base;
    private Savepoint commitPoint;
    private boolean closed;

    // Session state as it was before a handle of this scope first changed it; null: not changed in this scope.
    private Integer isolationBefore;
    private Boolean readOnlyBefore;
    private String schemaBefore;
    private String catalogBefore;
    private final Integer emulatedIsolationOnEntry;
    private final Boolean emulatedReadOnlyOnEntry;

    TransactionScope(PinnedConnection pinned, TransactionScope parent, String owner) {
        this.pinned = pinned;
        this.parent = parent;
        this.owner = owner;
        this.emulatedIsolationOnEntry = pinned.emulatedIsolation;
        this.emulatedReadOnlyOnEntry = pinned.emulatedReadOnly;
    }

    /** Captures every statement executed through a handle while this scope is the current one into {@code log}. */
    public void captureInto(StatementLog log) {
        this.log = log;
    }

    StatementLog log() {
        return log;
    }

    /**
     * Makes every handle taken from now on remember where it was taken, so that {@link #handlesLeftOpen} can describe
     * it: its stack (a short walk per {@code getConnection()}) while {@code sites} records them, else its thread and its
     * first statement's caller.
     */
    public void trackOpenings(LeakSites sites) {
        this.leakSites = sites;
    }

    /**
     * Describes the handles of this scope that the code under test took and has not closed (once the scope has closed:
     * that were open when it closed), one entry a handle in the order they were taken: where each was taken (its
     * stack, or its thread and first statement's caller, each line starting with {@code indent}), when openings are
     * {@linkplain #trackOpenings(LeakSites) tracked}. Handles dbtest made itself (an injected {@code Connection}) are
     * left out: dbtest closes them.
     */
    public List<String> handlesLeftOpen(String indent) {
        List<OpeningSite> sites;
        pinned.lock().lock();
        try {
            sites = closed ? openAtClose : openSites();
        } finally {
            pinned.lock().unlock();
        }
        List<String> open = new ArrayList<>();
        for (OpeningSite site : sites) {
            open.add(site.describe(indent));
        }
        return open;
    }

    private List<OpeningSite> openSites() {
        List<OpeningSite> sites = new ArrayList<>();
        for (ConnectionHandle handle : handles) {
            if (handle.openedAt() != null && !handle.isClosed()) {
                sites.add(handle.openedAt());
            }
        }
        return sites;
    }

    /** Returns the test or class this scope belongs to, as messages name it. */
    public String owner() {
        return owner;
    }

    /** Returns the pinned connection this scope runs on. */
    public PinnedConnection pinned() {
        return pinned;
    }

    /** Tells whether a statement (or dbtest's own work) has run in this scope. */
    public boolean hasBegun() {
        pinned.lock().lock();
        try {
            return begun;
        } finally {
            pinned.lock().unlock();
        }
    }

    /** Tells whether this scope has been closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Opens a scope nested in this one (a test on its class's pinned connection). Until it is closed, every handle of
     * the connection works in it.
     */
    public TransactionScope openNested(String nestedOwner) {
        pinned.lock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("Cannot open a scope for " + nestedOwner + " in " + owner
                        + ": it is closed");
            }
            if (pinned.current() != this) {
                throw new DbTestException(nestedOwner + " cannot start while " + pinned.current().owner()
                        + " runs: both would run on the connection pinned for " + owner + " (its @BeforeAll wrote "
                        + "rows), and a pinned connection runs one test at a time.\n"
                        + "  Fix: run the class on one thread (@Execution(ExecutionMode.SAME_THREAD) on the class), "
                        + "or create the rows in @BeforeEach.");
            }
            TransactionScope nested = new TransactionScope(pinned, this, nestedOwner);
            pinned.setCurrent(nested);
            return nested;
        } finally {
            pinned.lock().unlock();
        }
    }

    /**
     * Returns a new handle on the pinned connection, in (emulated) auto-commit mode like a connection fresh from a
     * pool. Closing it closes only the handle.
     */
    public Connection newHandle() {
        LeakSites sites = leakSites;
        return newHandle(sites == null ? null : sites.recording() ? OpeningSite.capture() : OpeningSite.notRecorded());
    }

    /**
     * Returns a new handle that dbtest itself closes when the scope ends, such as a {@code Connection} parameter: it is
     * never reported as left open.
     */
    public Connection newOwnedHandle() {
        return newHandle(null);
    }

    private Connection newHandle(OpeningSite openedAt) {
        pinned.lock().lock();
        try {
            if (closed) {
                throw new DbTestException("No connection can be taken for " + owner + ": its transaction has ended. "
                        + "Connections handed out by dbtest are valid only while the test (or class) that took them runs.");
            }
            ConnectionHandle handle = new ConnectionHandle(pinned, this, openedAt);
            handles.add(handle);
            return handle;
        } finally {
            pinned.lock().unlock();
        }
    }

    /** Work dbtest does itself on the physical connection, such as the inserts of fixtures. */
    @FunctionalInterface
    public interface InternalWork<T> {
        T run(Connection physical) throws SQLException;
    }

    /**
     * Runs {@code work} on the physical connection, under its lock and in a savepoint of its own: when it throws,
     * everything it did is rolled back and the transaction is as it was before the call. No handle sees the statements,
     * so statement capture never counts them. For the code under test the work counts as committed, like a statement
     * in auto-commit mode: a later {@code rollback()} does not undo it.
     *
     * @throws DbTestException when this scope has ended or another scope runs on its connection now
     * @throws SQLException what {@code work} threw, after the rollback to the savepoint
     */
    public <T> T runInternal(InternalWork<T> work) throws SQLException {
        if (pinned.passThrough()) {
            return runInternalAndCommit(work);
        }
        pinned.lock().lock();
        try {
            if (closed || pinned.current() != this) {
                throw new DbTestException("dbtest cannot write rows for " + owner + ": "
                        + (closed ? "its transaction has ended" : pinned.current().owner() + " runs on its connection")
                        + ". Fixtures work only while the test that took them runs.");
            }
            begin();
            Connection physical = pinned.physical();
            Savepoint savepoint = pinned.newSavepoint("internal");
            T result;
            try {
                result = work.run(physical);
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    physical.rollback(savepoint);
                    physical.releaseSavepoint(savepoint);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
            pinned.savepointsChanged();
            physical.releaseSavepoint(savepoint);
            autoCommitted();
            return result;
        } finally {
            pinned.lock().unlock();
        }
    }

    /**
     * Ends a transaction of the code under test that the database aborted (a statement failed outside auto-commit
     * mode, and the code did not roll back) the way the database ends one: back to the last commit point, so that dbtest
     * can read the rows again (dbtest.keep-on-failure, after the test failed).
     */
    public void rollbackToCommitPoint() throws SQLException {
        pinned.lock().lock();
        try {
            if (!closed) {
                rollback();
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    /**
     * On a real connection (a non-transactional test): runs {@code work} in a transaction of its own that is committed
     * when it returns and rolled back when it throws. The work gets a handle, not the physical connection, so that its
     * statements are captured into this scope's log, which dbtest keeps apart from the test's: it learns which tables
     * the work wrote, and the test's query assertions do not count them.
     */
    private <T> T runInternalAndCommit(InternalWork<T> work) throws SQLException {
        pinned.lock().lock();
        try {
            if (closed) {
                throw new DbTestException("dbtest cannot write rows for " + owner + ": the test has ended. Fixtures "
                        + "work only while the test that took them runs.");
            }
            Connection physical = pinned.physical();
            boolean autoCommitBefore = physical.getAutoCommit();
            physical.setAutoCommit(false);
            ConnectionHandle internal = new ConnectionHandle(pinned, this, null);
            try {
                T result = work.run(internal);
                physical.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    physical.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                internal.invalidate();
                physical.setAutoCommit(autoCommitBefore);
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    void forget(ConnectionHandle handle) {
        handles.remove(handle);
    }

    /**
     * Begins this scope before its first statement; a no-op afterwards. A nested scope sets its base savepoint; the
     * outermost needs none, since the physical transaction it runs in is only ever rolled back.
     */
    void begin() throws SQLException {
        if (!begun) {
            if (parent != null) {
                parent.begin();
                base = pinned.newSavepoint("scope");
            } else {
                pinned.transactionBegun();
            }
            begun = true;
        }
    }

    /** A statement runs in (emulated) auto-commit mode: like a commit, it moves the point rollback() returns to. */
    void autoCommitted() {
        autoCommittedSinceCommitPoint = true;
    }

    /**
     * Before a statement outside auto-commit mode: sets the commit point that work auto-committed so far calls for, so
     * that a later rollback() keeps that work, as a real database would.
     */
    void commitAutoCommittedWork() throws SQLException {
        if (autoCommittedSinceCommitPoint && begun) {
            // A new commit point on top of the last one, which stays: releasing it would also release the savepoints
            // the code under test set since (PostgreSQL releases every later savepoint with it).
            commitPoint = pinned.newSavepoint("commit");
        }
        autoCommittedSinceCommitPoint = false;
    }

    /** What {@code commit()} of the code under test does: the work so far stays, a later rollback stops here. */
    void commit() throws SQLException {
        autoCommittedSinceCommitPoint = false;
        if (!begun) {
            return; // nothing ran in this scope, so there is nothing a later rollback could undo
        }
        pinned.savepointsChanged();
        Connection physical = pinned.physical();
        try {
            if (commitPoint != null) {
                physical.releaseSavepoint(commitPoint);
                commitPoint = null;
            }
            commitPoint = pinned.newSavepoint("commit");
        } catch (SQLException e) {
            // On PostgreSQL a transaction aborted by an earlier error cannot be committed: COMMIT rolls it back.
            // Do the same, so the test goes on from the last commit point, and report it as the driver would.
            rollback();
            throw new SQLException("The transaction could not be committed and was rolled back to the last commit: "
                    + e.getMessage(), e.getSQLState(), e);
        }
    }

    /** What {@code rollback()} of the code under test does: back to the last commit point. */
    void rollback() throws SQLException {
        if (autoCommittedSinceCommitPoint) {
            return; // everything since the last commit point was auto-committed: nothing to undo
        }
        pinned.savepointsChanged();
        if (commitPoint != null) {
            pinned.physical().rollback(commitPoint);
        } else if (base != null) {
            pinned.physical().rollback(base);
        } else if (begun) {
            pinned.physical().rollback(); // the outermost scope: back to the start of the physical transaction
        }
    }

    void rememberIsolation(int before) {
        if (isolationBefore == null) {
            isolationBefore = before;
        }
    }

    void rememberReadOnly(boolean before) {
        if (readOnlyBefore == null) {
            readOnlyBefore = before;
        }
    }

    void rememberSchema(String before) {
        if (schemaBefore == null) {
            schemaBefore = before == null ? "" : before;
        }
    }

    void rememberCatalog(String before) {
        if (catalogBefore == null) {
            catalogBefore = before == null ? "" : before;
        }
    }

    /** Whether a setting can still be applied to the physical connection rather than only recorded. */
    boolean canApplyTransactionSettings() {
        return parent == null && !pinned.hasTransactionBegun();
    }

    /**
     * Undoes everything done in this scope and closes its handles; the outermost scope also rolls the physical
     * transaction back and closes the physical connection, returning it to its pool. Idempotent.
     *
     * @throws DbTestException when the database refused the rollback; the connection is closed all the same
     */
    @Override
    public void close() {
        pinned.lock().lock();
        try {
            if (closed) {
                return;
            }
            while (pinned.current() != this && pinned.current() != null) {
                pinned.current().close();
            }
            closed = true;
            openAtClose = leakSites != null ? openSites() : List.of(); // under the same lock as the closing: no race
            for (ConnectionHandle handle : new ArrayList<>(handles)) {
                handle.invalidate();
            }
            handles.clear();
            if (pinned.passThrough()) {
                closeRealConnection();
            } else if (parent == null) {
                closeOutermost();
            } else {
                closeNested();
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    private void closeNested() {
        Connection physical = pinned.physical();
        pinned.setCurrent(parent);
        try {
            pinned.savepointsChanged();
            if (base != null) {
                physical.rollback(base);
                physical.releaseSavepoint(base);
            }
            restoreSessionState(physical);
        } catch (SQLException e) {
            throw new DbTestException("dbtest could not roll back the work of " + owner + " (the database answered: "
                    + e.getMessage() + "). Rows it wrote may be visible to the next tests of its class.\n"
                    + "  It ran inside the transaction of its class (its @BeforeAll wrote rows), which is rolled back "
                    + "after the class, so nothing was committed.\n"
                    + "  Fix: find out why the server refused to roll back to a savepoint (its answer above) and fix "
                    + "that; then run the class again, as the tests after this one may have failed because of it.", e);
        }
    }

    private void closeOutermost() {
        Connection physical = pinned.physical();
        pinned.setCurrent(null);
        SQLException failure = null;
        boolean broken = false;
        try {
            physical.rollback();
            pinned.physicalTransactionEnded();
            restoreSessionState(physical);
            pinned.restoreSchemaIfNotTransactional();
        } catch (SQLException e) {
            failure = e;
            // SQL state class 08, or a connection its pool closed already: dbtest's pool closes only broken ones.
            broken = e.getSQLState() != null && e.getSQLState().startsWith("08") || closedAlready(physical);
        }
        try {
            if (failure == null) {
                physical.close();
            } else {
                // Still in the transaction it could not end (and holding its rows): its pool must not hand it out again.
                pinned.discard();
            }
        } catch (SQLException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            if (broken) {
                throw new DbTestException("The database is gone: the connection of " + owner + " broke ("
                        + failure.getMessage() + "), so its transaction could not be rolled back, nor committed "
                        + "either. The server stopped or became unreachable during the test.", failure);
            }
            throw new DbTestException("dbtest could not roll back the transaction of " + owner
                    + " (the database answered: " + failure.getMessage() + "). The connection was closed and taken "
                    + "out of the pool; nothing was committed, so the next tests do not see its rows.\n"
                    + "  Fix: find out why the server refused a rollback (its answer above: a server shutting down, "
                    + "out of resources, or a proxy in between) and fix that; then run the tests again.", failure);
        }
    }

    /** Ends a real connection: what it did not commit is rolled back, as a pool would, and it goes back to the pool. */
    private void closeRealConnection() {
        Connection physical = pinned.physical();
        pinned.setCurrent(null);
        try {
            try {
                if (!physical.getAutoCommit()) {
                    physical.rollback();
                }
            } catch (SQLException e) {
                pinned.discard();
                throw e;
            }
            physical.close();
        } catch (SQLException e) {
            throw new DbTestException("dbtest could not return a connection of " + owner + " to its pool (the "
                    + "database answered: " + e.getMessage() + "). The connection was closed; what it had not "
                    + "committed is lost, as on any closed connection.\n"
                    + "  Fix: find out why the server refused (its answer above: a server shutting down, or a proxy in "
                    + "between) and fix that.", e);
        }
    }

    private static boolean closedAlready(Connection physical) {
        try {
            return physical.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private void restoreSessionState(Connection physical) throws SQLException {
        pinned.emulatedIsolation = emulatedIsolationOnEntry;
        pinned.emulatedReadOnly = emulatedReadOnlyOnEntry;
        if (isolationBefore != null) {
            physical.setTransactionIsolation(isolationBefore);
        }
        if (readOnlyBefore != null) {
            physical.setReadOnly(readOnlyBefore);
        }
        if (schemaBefore != null) {
            physical.setSchema(schemaBefore.isEmpty() ? null : schemaBefore);
        }
        if (catalogBefore != null && !catalogBefore.isEmpty()) {
            physical.setCatalog(catalogBefore);
        }
    }
}
