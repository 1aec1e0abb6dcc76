package dev.dbtest.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A statement made by a {@link ConnectionHandle}: every execution runs under the pinned connection's lock, inside
 * the test transaction, and in its own savepoint when the handle is in (emulated) auto-commit mode.
 */
class HandleStatement implements Statement {

    final ConnectionHandle handle;
    final PinnedConnection pinned;
    private final Statement delegate;
    private volatile boolean closed;

    HandleStatement(ConnectionHandle handle, Statement delegate) {
        this.handle = handle;
        this.pinned = handle.pinned();
        this.delegate = delegate;
    }

    final boolean begin(String sql) throws SQLException {
        return begin(sql, capturedSql(sql), 0, null);
    }

    /** A change a ResultSet of this statement sends ({@code updateRow()} and the like): captured as its own statement. */
    @FunctionalInterface
    interface RowChange {
        void run() throws SQLException;
    }

    final void rowChange(String method, dev.dbtest.core.StatementType type, RowChange change) throws SQLException {
        boolean guarded = begin(null, "ResultSet." + method + "() on the rows of: " + lastSql, 0, type);
        try {
            change.run();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
    }

    private String lastSql; // the SQL this statement ran last, which ResultSet changes name

    /** Begins what runs like a statement but is not one the code sent (describing a prepared statement). */
    final boolean beginUncaptured() throws SQLException {
        return begin(null, null, 0, null);
    }

    /** Begins {@code executeBatch()}: captured as one statement, with the number of rows or statements in it. */
    final boolean beginBatch() throws SQLException {
        int size = batchCount;
        String captured = size == 0 ? null : batchCapturedSql(); // an empty batch sends nothing: nothing to capture
        batchCount = 0;
        firstBatchSql = null;
        return begin(batchSql(), captured, size, null);
    }

    private boolean begin(String sql, String captured, int batch, dev.dbtest.core.StatementType type)
            throws SQLException {
        if (closed) {
            handle.checkOpen(); // says so when dbtest closed it with its connection at the end of the test
            throw new SQLException("This statement has been closed.", "HY010");
        }
        boolean guarded = pinned.beforeStatement(handle, sql, sql != null ? sql : captured);
        pinned.startCapture(this, captured, batch, type);
        if (captured != null && type == null) {
            lastSql = captured;
        }
        if (fetchSize != 0) {
            // The physical connection is never in auto-commit mode, so the driver would fetch through a cursor, and a
            // row that fails to compute would fail later in next(), outside the statement's savepoint. Real
            // auto-commit mode fetches everything at once: so does a handle in emulated auto-commit mode.
            try {
                delegate.setFetchSize(handle.autoCommitEmulated() ? 0 : fetchSize);
            } catch (SQLException | RuntimeException e) {
                pinned.statementFailed(guarded, e);
                throw e;
            }
        }
        return guarded;
    }

    private int fetchSize;

    @Override
    public void setFetchSize(int rows) throws SQLException {
        open().setFetchSize(rows);
        fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        open();
        return fetchSize;
    }

    final Statement open() throws SQLException {
        handle.checkOpen();
        if (closed) {
            throw new SQLException("This statement has been closed.", "HY010");
        }
        return delegate;
    }

    /** The SQL to check before a batch runs; {@code null} when each statement was checked as it was added. */
    String batchSql() {
        return null;
    }

    // Statement capture: what a batch holds so far.
    int batchCount;
    private String firstBatchSql;

    /** The SQL to capture for an execution given {@code sql} (a prepared statement captures its own). */
    String capturedSql(String sql) {
        return sql;
    }

    /** The SQL to capture for a batch: the first statement added (a prepared statement: its own). */
    String batchCapturedSql() {
        return firstBatchSql;
    }

    /** The parameters to capture: none for a plain statement. */
    java.util.List<Object> capturedParameters(boolean batch) {
        return java.util.List.of();
    }

    /** What the captured statement does. */
    dev.dbtest.core.StatementType capturedType(String sql) {
        return SqlShape.classify(sql);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        pinned.refuseWhatEscapesTheTransaction(sql);
        open().addBatch(sql);
        if (batchCount++ == 0) {
            firstBatchSql = sql;
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        open();
        return handle;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            handle.untrack(this);
            delegate.close();
        }
    }

    void closeQuietly() {
        closed = true;
        try {
            delegate.close();
        } catch (SQLException | RuntimeException ignored) {
            // the statement is being discarded with its handle; there is nobody to tell
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void cancel() throws SQLException {
        // Called from another thread while a statement runs: it must not wait for the lock that statement holds.
        delegate.cancel();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        open().closeOnCompletion();
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        return open().isCloseOnCompletion();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (Statement.class.isAssignableFrom(iface)) {
            throw new SQLException("dbtest does not unwrap its statements to " + iface.getName() + ": the driver's "
                    + "statement would run outside the lock and the checks of the test transaction.");
        }
        return open().unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || open().isWrapperFor(iface);
    }

    // --- executions -------------------------------------------------------------------------------------------------

    @Override
    public boolean execute(String sql) throws SQLException {
        boolean guarded = begin(sql);
        boolean result;
        try {
            result = delegate.execute(sql);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        boolean guarded = begin(sql);
        boolean result;
        try {
            result = delegate.execute(sql, autoGeneratedKeys);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        boolean guarded = begin(sql);
        boolean result;
        try {
            result = delegate.execute(sql, columnIndexes);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        boolean guarded = begin(sql);
        boolean result;
        try {
            result = delegate.execute(sql, columnNames);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        boolean guarded = begin(sql);
        ResultSet result;
        try {
            result = HandleResultSet.wrap(this, delegate.executeQuery(sql));
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        boolean guarded = begin(sql);
        int result;
        try {
            result = delegate.executeUpdate(sql);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        boolean guarded = begin(sql);
        int result;
        try {
            result = delegate.executeUpdate(sql, autoGeneratedKeys);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        boolean guarded = begin(sql);
        int result;
        try {
            result = delegate.executeUpdate(sql, columnIndexes);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        boolean guarded = begin(sql);
        int result;
        try {
            result = delegate.executeUpdate(sql, columnNames);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        boolean guarded = begin(sql);
        long result;
        try {
            result = delegate.executeLargeUpdate(sql);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        boolean guarded = begin(sql);
        long result;
        try {
            result = delegate.executeLargeUpdate(sql, autoGeneratedKeys);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        boolean guarded = begin(sql);
        long result;
        try {
            result = delegate.executeLargeUpdate(sql, columnIndexes);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        boolean guarded = begin(sql);
        long result;
        try {
            result = delegate.executeLargeUpdate(sql, columnNames);
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        boolean guarded = beginBatch();
        int[] result;
        try {
            result = delegate.executeBatch();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        boolean guarded = beginBatch();
        long[] result;
        try {
            result = delegate.executeLargeBatch();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    // --- plain delegation (generated from java.sql.Statement) ------------------------------------------------------

    @Override
    public void clearBatch() throws SQLException {
        open().clearBatch();
        batchCount = 0;
        firstBatchSql = null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        open().clearWarnings();
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return open().getFetchDirection();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        return HandleResultSet.wrap(this, open().getGeneratedKeys());
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        return open().getLargeMaxRows();
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        return open().getLargeUpdateCount();
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        return open().getMaxFieldSize();
    }

    @Override
    public int getMaxRows() throws SQLException {
        return open().getMaxRows();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return open().getMoreResults();
    }

    @Override
    public boolean getMoreResults(int value) throws SQLException {
        return open().getMoreResults(value);
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        return open().getQueryTimeout();
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        return open().getResultSetConcurrency();
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        return open().getResultSetHoldability();
    }

    @Override
    public int getResultSetType() throws SQLException {
        return open().getResultSetType();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return HandleResultSet.wrap(this, open().getResultSet());
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return open().getUpdateCount();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return open().getWarnings();
    }

    @Override
    public boolean isPoolable() throws SQLException {
        return open().isPoolable();
    }

    @Override
    public void setCursorName(String value) throws SQLException {
        open().setCursorName(value);
    }

    @Override
    public void setEscapeProcessing(boolean value) throws SQLException {
        open().setEscapeProcessing(value);
    }

    @Override
    public void setFetchDirection(int value) throws SQLException {
        open().setFetchDirection(value);
    }

    @Override
    public void setLargeMaxRows(long value) throws SQLException {
        open().setLargeMaxRows(value);
    }

    @Override
    public void setMaxFieldSize(int value) throws SQLException {
        open().setMaxFieldSize(value);
    }

    @Override
    public void setMaxRows(int value) throws SQLException {
        open().setMaxRows(value);
    }

    @Override
    public void setPoolable(boolean value) throws SQLException {
        open().setPoolable(value);
    }

    @Override
    public void setQueryTimeout(int value) throws SQLException {
        open().setQueryTimeout(value);
    }

}
