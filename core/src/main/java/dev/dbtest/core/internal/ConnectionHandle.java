package dev.dbtest.core.internal;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.ClientInfoStatus;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * What {@code DataSource.getConnection()} returns during a test: a handle on the test's {@link PinnedConnection}.
 *
 * <p>Closing it closes only the handle. Transaction control is emulated inside the test transaction, as
 * {@link TransactionScope} describes; auto-commit mode is a property of the handle (on, like a connection fresh from
 * a pool) and on PostgreSQL runs each statement in its own savepoint, so a failed statement the code catches does not
 * abort the test transaction.
 */
final class ConnectionHandle implements Connection {

    private final PinnedConnection pinned;
    private final TransactionScope scope;
    private final Connection physical;
    private final List<HandleStatement> statements = new ArrayList<>();
    private volatile boolean closed;
    private String closedBecause;
    private boolean autoCommit = true;
    // Where the code under test took this handle, when the scope reports handles left open; null otherwise.
    private final OpeningSite openedAt;

    ConnectionHandle(PinnedConnection pinned, TransactionScope scope, OpeningSite openedAt) {
        this.pinned = pinned;
        this.scope = scope;
        this.physical = pinned.physical();
        this.openedAt = openedAt;
    }

    OpeningSite openedAt() {
        return openedAt;
    }

    PinnedConnection pinned() {
        return pinned;
    }

    /** Whether auto-commit is emulated and on; always false on a real connection, whose driver does its own. */
    boolean autoCommitEmulated() {
        return autoCommit && !pinned.passThrough();
    }

    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException(closedBecause, "08003");
        }
    }

    private Connection open() throws SQLException {
        checkOpen();
        return physical;
    }

    /** Called by the scope when it ends: the handle and its statements stop working. */
    void invalidate() {
        if (!closed) {
            closedBecause = "This connection was closed by dbtest when " + scope.owner() + " ended: connections taken "
                    + "from dbtest's DataSource are valid only while the test (or class) that took them runs.";
            closeStatements();
            closed = true;
        }
    }

    <S extends HandleStatement> S track(S statement) {
        synchronized (statements) {
            statements.add(statement);
        }
        return statement;
    }

    void untrack(HandleStatement statement) {
        synchronized (statements) {
            int index = statements.lastIndexOf(statement);
            if (index >= 0) {
                statements.remove(index);
            }
        }
    }

    private void closeStatements() {
        List<HandleStatement> open;
        synchronized (statements) {
            open = new ArrayList<>(statements);
            statements.clear();
        }
        for (HandleStatement statement : open) {
            statement.closeQuietly();
        }
    }

    // --- lifecycle ------------------------------------------------------------------------------------------------

    @Override
    public void close() {
        if (closed) {
            return;
        }
        pinned.lock().lock();
        try {
            if (!closed) {
                closedBecause = "This connection handle has been closed.";
                closeStatements();
                closed = true;
                scope.forget(this);
                if (pinned.passThrough()) {
                    scope.close(); // a real connection has one handle: closing it returns the connection to the pool
                }
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        // Aborting a handle must not kill the connection the whole test shares: it ends the handle only.
        close();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("isValid: timeout must be 0 or more, was " + timeout);
        }
        if (closed) {
            return false;
        }
        pinned.lock().lock();
        try {
            return physical.isValid(timeout);
        } finally {
            pinned.lock().unlock();
        }
    }

    // --- transaction control, emulated inside the test transaction ------------------------------------------------

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            if (pinned.passThrough()) {
                physical.setAutoCommit(autoCommit);
                this.autoCommit = autoCommit;
                return;
            }
            if (autoCommit && !this.autoCommit) {
                pinned.current().commit(); // JDBC: switching auto-commit on commits the open transaction
            }
            this.autoCommit = autoCommit;
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return pinned.passThrough() ? physical.getAutoCommit() : autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        pinned.lock().lock();
        try {
            if (pinned.passThrough()) {
                open().commit();
                return;
            }
            checkNotAutoCommit("commit");
            pinned.current().commit();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void rollback() throws SQLException {
        pinned.lock().lock();
        try {
            if (pinned.passThrough()) {
                open().rollback();
                return;
            }
            checkNotAutoCommit("rollback");
            pinned.current().rollback();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        pinned.lock().lock();
        try {
            if (pinned.passThrough()) {
                return open().setSavepoint();
            }
            checkNotAutoCommit("set a savepoint");
            pinned.current().begin();
            pinned.current().commitAutoCommittedWork();
            pinned.savepointsChanged();
            return physical.setSavepoint();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        pinned.lock().lock();
        try {
            if (pinned.passThrough()) {
                return open().setSavepoint(name);
            }
            checkNotAutoCommit("set a savepoint");
            pinned.current().begin();
            pinned.current().commitAutoCommittedWork();
            pinned.savepointsChanged();
            return physical.setSavepoint(name);
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        pinned.lock().lock();
        try {
            if (!pinned.passThrough()) {
                checkNotAutoCommit("roll back to a savepoint");
            }
            pinned.savepointsChanged();
            open().rollback(savepoint);
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            pinned.savepointsChanged();
            physical.releaseSavepoint(savepoint);
        } finally {
            pinned.lock().unlock();
        }
    }

    private void checkNotAutoCommit(String action) throws SQLException {
        checkOpen();
        if (autoCommit) {
            // What PostgreSQL's driver says, and what the JDBC contract asks for.
            throw new SQLException("Cannot " + action + " when autoCommit is enabled.", "25000");
        }
    }

    // --- session state, put back when the test ends ----------------------------------------------------------------

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            TransactionScope current = pinned.current();
            if (pinned.passThrough()) {
                physical.setTransactionIsolation(level); // the pool puts it back when the connection returns
            } else if (current.canApplyTransactionSettings()) {
                int before = physical.getTransactionIsolation();
                physical.setTransactionIsolation(level);
                current.rememberIsolation(before);
            } else {
                // The test transaction has begun and cannot change its isolation level (PostgreSQL refuses to);
                // the level is recorded and reported, and forgotten when the test ends.
                pinned.emulatedIsolation = level;
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            Integer emulated = pinned.emulatedIsolation;
            return emulated != null ? emulated : physical.getTransactionIsolation();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            TransactionScope current = pinned.current();
            if (pinned.passThrough()) {
                physical.setReadOnly(readOnly);
            } else if (current.canApplyTransactionSettings()) {
                boolean before = physical.isReadOnly();
                physical.setReadOnly(readOnly);
                current.rememberReadOnly(before);
            } else {
                pinned.emulatedReadOnly = readOnly;
            }
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            Boolean emulated = pinned.emulatedReadOnly;
            return emulated != null ? emulated : physical.isReadOnly();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            if (!pinned.passThrough()) {
                pinned.current().rememberSchema(physical.getSchema());
            }
            physical.setSchema(schema);
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public String getSchema() throws SQLException {
        pinned.lock().lock();
        try {
            return open().getSchema();
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        pinned.lock().lock();
        try {
            checkOpen();
            if (!pinned.passThrough()) {
                pinned.current().rememberCatalog(physical.getCatalog());
            }
            physical.setCatalog(catalog);
        } finally {
            pinned.lock().unlock();
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        pinned.lock().lock();
        try {
            return open().getCatalog();
        } finally {
            pinned.lock().unlock();
        }
    }

    // --- statements ------------------------------------------------------------------------------------------------

    @Override
    public Statement createStatement() throws SQLException {
        return track(new HandleStatement(this, open().createStatement()));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return track(new HandleStatement(this, open().createStatement(resultSetType, resultSetConcurrency)));
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        return track(new HandleStatement(this,
                open().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return track(new HandlePreparedStatement(this, open().prepareStatement(sql), sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return track(new HandlePreparedStatement(this, open().prepareStatement(sql, autoGeneratedKeys), sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return track(new HandlePreparedStatement(this, open().prepareStatement(sql, columnIndexes), sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return track(new HandlePreparedStatement(this, open().prepareStatement(sql, columnNames), sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return track(new HandlePreparedStatement(this,
                open().prepareStatement(sql, resultSetType, resultSetConcurrency), sql));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return track(new HandlePreparedStatement(this,
                open().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return track(new HandleCallableStatement(this, open().prepareCall(sql), sql));
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return track(new HandleCallableStatement(this, open().prepareCall(sql, resultSetType, resultSetConcurrency), sql));
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
            int resultSetHoldability) throws SQLException {
        return track(new HandleCallableStatement(this,
                open().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql));
    }

    // --- wrapper and client info -----------------------------------------------------------------------------------

    /**
     * Unwraps to driver interfaces such as {@code PGConnection} (for COPY), but never to a {@link Connection}: the
     * physical connection would commit for real, and be used without the lock that serializes threads.
     */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (Connection.class.isAssignableFrom(iface)) {
            throw new SQLException("dbtest does not unwrap its connection handle to " + iface.getName() + ": that is the "
                    + "physical connection of the test transaction, and commit() or close() on it would really commit "
                    + "or end it. Use the handle, or unwrap to a driver interface such as org.postgresql.PGConnection.");
        }
        T unwrapped = open().unwrap(iface);
        if (unwrapped instanceof Connection && iface.isInterface()) {
            // The driver's connection class implements the interface: hand out only the interface, so that a cast
            // cannot reach commit() or close() of the physical connection.
            return iface.cast(Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface},
                    (proxy, method, args) -> {
                        try {
                            return method.invoke(unwrapped, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }
        return unwrapped;
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || !Connection.class.isAssignableFrom(iface) && open().isWrapperFor(iface);
    }

    /** The driver's metadata, except that {@code getConnection()} returns this handle, not the physical connection. */
    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        DatabaseMetaData metaData = open().getMetaData();
        return (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                        return this;
                    }
                    try {
                        Object result = method.invoke(metaData, args);
                        // Metadata result sets have no statement of the caller's: never the physical one.
                        return result instanceof ResultSet ? HandleResultSet.wrap(null, (ResultSet) result) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException(closedBecause, Map.of(name, ClientInfoStatus.REASON_UNKNOWN));
        }
        physical.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        if (closed) {
            throw new SQLClientInfoException(closedBecause, Map.of());
        }
        physical.setClientInfo(properties);
    }

    @Override
    public String toString() {
        return "dbtest connection handle for " + scope.owner() + (closed ? " (closed)" : "");
    }

    // --- plain delegation (generated from java.sql.Connection) ------------------------------------------------------

    @Override
    public void clearWarnings() throws SQLException {
        open().clearWarnings();
    }

    @Override
    public Array createArrayOf(String first, Object[] second) throws SQLException {
        return open().createArrayOf(first, second);
    }

    @Override
    public Blob createBlob() throws SQLException {
        return open().createBlob();
    }

    @Override
    public Clob createClob() throws SQLException {
        return open().createClob();
    }

    @Override
    public NClob createNClob() throws SQLException {
        return open().createNClob();
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        return open().createSQLXML();
    }

    @Override
    public Struct createStruct(String first, Object[] second) throws SQLException {
        return open().createStruct(first, second);
    }

    @Override
    public java.util.Properties getClientInfo() throws SQLException {
        return open().getClientInfo();
    }

    @Override
    public String getClientInfo(String first) throws SQLException {
        return open().getClientInfo(first);
    }

    @Override
    public int getHoldability() throws SQLException {
        return open().getHoldability();
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        return open().getNetworkTimeout();
    }

    @Override
    public java.util.Map<String, Class<?>> getTypeMap() throws SQLException {
        return open().getTypeMap();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return open().getWarnings();
    }

    @Override
    public String nativeSQL(String first) throws SQLException {
        return open().nativeSQL(first);
    }

    @Override
    public void setHoldability(int first) throws SQLException {
        open().setHoldability(first);
    }

    @Override
    public void setNetworkTimeout(java.util.concurrent.Executor first, int second) throws SQLException {
        open().setNetworkTimeout(first, second);
    }

    @Override
    public void setTypeMap(java.util.Map<String, Class<?>> first) throws SQLException {
        open().setTypeMap(first);
    }

}
