package dev.dbtest.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Gives each statement of a handle in (emulated) auto-commit mode a savepoint of its own, so that a statement that
 * fails is undone alone and the test transaction goes on, as it would with real auto-commit. Only needed where a
 * failed statement aborts the transaction (PostgreSQL). One instance per pinned connection; every call is made under
 * its lock, one statement at a time.
 */
public abstract class StatementSavepoints {

    /**
     * Called before the statement runs.
     *
     * @param sql the statement's SQL as the code sent it, or {@code null} when it is not a statement the code sent (the
     *     description of a prepared statement)
     */
    protected abstract void before(Connection physical, String sql) throws SQLException;

    /**
     * Called when a savepoint other than a statement's own was set, released or rolled back to on the connection: the
     * statements' savepoints on top of the stack are no longer the newest ones. Does nothing by default.
     */
    protected void otherSavepointChanged() {
    }

    /** Called after the statement worked. */
    protected abstract void succeeded(Connection physical) throws SQLException;

    /** Called after the statement failed: undo it and leave the transaction usable. */
    protected abstract void failed(Connection physical) throws SQLException;

    /** The portable way: {@code SAVEPOINT} before, {@code RELEASE} after, {@code ROLLBACK TO} on failure. */
    public static StatementSavepoints explicit() {
        return new StatementSavepoints() {
            private Savepoint savepoint;

            @Override
            protected void before(Connection physical, String sql) throws SQLException {
                savepoint = physical.setSavepoint("dbtest_statement");
            }

            @Override
            protected void succeeded(Connection physical) throws SQLException {
                physical.releaseSavepoint(savepoint); // when this throws, failed() still finds the savepoint
                savepoint = null;
            }

            @Override
            protected void failed(Connection physical) throws SQLException {
                Savepoint done = savepoint;
                savepoint = null;
                if (done != null) {
                    physical.rollback(done);
                    physical.releaseSavepoint(done);
                }
            }
        };
    }
}
