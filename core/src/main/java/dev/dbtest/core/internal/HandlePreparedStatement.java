package dev.dbtest.core.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Collections;
import java.util.List;

/** A prepared statement made by a {@link ConnectionHandle}; see {@link HandleStatement}. */
class HandlePreparedStatement extends HandleStatement implements PreparedStatement {

    // The SQL to check before each execution, or null: checked once here, so that executions do not scan it again.
    final String sql;
    private final String text; // the SQL as prepared, for capture
    private final PreparedStatement prepared;
    private dev.dbtest.core.StatementType type;
    // Parameters bound so far (index 0 is parameter 1), and those of the first row of the batch being built.
    private Object[] parameters = new Object[8];
    private int parameterCount;
    private List<Object> firstBatchParameters = List.of();

    HandlePreparedStatement(ConnectionHandle handle, PreparedStatement prepared, String sql) {
        super(handle, prepared);
        this.prepared = prepared;
        this.text = sql;
        this.sql = handle.pinned().refusalFor(sql) == null ? null : sql;
    }

    @Override
    String capturedSql(String argument) {
        return text;
    }

    @Override
    String batchCapturedSql() {
        return text;
    }

    @Override
    dev.dbtest.core.StatementType capturedType(String captured) {
        if (type == null) {
            type = SqlShape.classify(text);
        }
        return type;
    }

    @Override
    List<Object> capturedParameters(boolean batch) {
        if (batch) {
            List<Object> first = firstBatchParameters;
            firstBatchParameters = List.of();
            return first;
        }
        return boundParameters();
    }

    private List<Object> boundParameters() {
        if (named != null && !named.isEmpty()) {
            List<Object> all = new java.util.ArrayList<>(Arrays.asList(Arrays.copyOf(parameters, parameterCount)));
            named.forEach((name, value) -> all.add(name + "=" + value));
            return Collections.unmodifiableList(all);
        }
        return parameterCount == 0 ? List.of()
                : Collections.unmodifiableList(Arrays.asList(Arrays.copyOf(parameters, parameterCount)));
    }

    // Parameters of a CallableStatement bound by name, listed after the positional ones as "name=value".
    private java.util.Map<String, Object> named;

    /** Remembers a parameter bound by name, for capture. */
    final void bindNamed(String name, Object value) {
        if (named == null) {
            named = new java.util.LinkedHashMap<>();
        }
        named.put(name, value instanceof InputStream || value instanceof Reader
                ? "(" + value.getClass().getSimpleName() + ")" : value);
    }

    /** Remembers a bound parameter for capture; streams and readers are shown by their type, not read. */
    final void bind(int index, Object value) {
        if (index < 1) {
            return;
        }
        if (index > parameters.length) {
            parameters = Arrays.copyOf(parameters, Math.max(index, parameters.length * 2));
        }
        parameters[index - 1] = value instanceof InputStream || value instanceof Reader
                ? "(" + value.getClass().getSimpleName() + ")" : value;
        parameterCount = Math.max(parameterCount, index);
    }

    final PreparedStatement openPrepared() throws SQLException {
        open();
        return prepared;
    }

    @Override
    String batchSql() {
        return sql;
    }

    @Override
    public void addBatch() throws SQLException {
        openPrepared().addBatch();
        if (batchCount++ == 0) {
            firstBatchParameters = boundParameters();
        }
    }

    // --- executions -------------------------------------------------------------------------------------------------

    @Override
    public boolean execute() throws SQLException {
        boolean guarded = begin(sql);
        boolean result;
        try {
            result = prepared.execute();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        boolean guarded = begin(sql);
        ResultSet result;
        try {
            result = HandleResultSet.wrap(this, prepared.executeQuery());
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public int executeUpdate() throws SQLException {
        boolean guarded = begin(sql);
        int result;
        try {
            result = prepared.executeUpdate();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        boolean guarded = begin(sql);
        long result;
        try {
            result = prepared.executeLargeUpdate();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    // --- plain delegation (generated from java.sql.PreparedStatement) ----------------------------------------------

    @Override
    public void clearParameters() throws SQLException {
        openPrepared().clearParameters();
        Arrays.fill(parameters, null);
        parameterCount = 0;
        if (named != null) {
            named.clear();
        }
    }

    /** May ask the server to describe the statement, so it runs like a statement: under the lock, in a savepoint. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        openPrepared();
        boolean guarded = beginUncaptured();
        ResultSetMetaData result;
        try {
            result = prepared.getMetaData();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    /** May ask the server to describe the statement, so it runs like a statement: under the lock, in a savepoint. */
    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        openPrepared();
        boolean guarded = beginUncaptured();
        ParameterMetaData result;
        try {
            result = prepared.getParameterMetaData();
        } catch (Throwable failure) {
            pinned.statementFailed(guarded, failure);
            throw failure;
        }
        pinned.statementSucceeded(guarded);
        return result;
    }

    @Override
    public void setArray(int index, Array value) throws SQLException {
        openPrepared().setArray(index, value);
        bind(index, value);
    }

    @Override
    public void setAsciiStream(int index, java.io.InputStream value, int third) throws SQLException {
        openPrepared().setAsciiStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setAsciiStream(int index, java.io.InputStream value, long third) throws SQLException {
        openPrepared().setAsciiStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setAsciiStream(int index, java.io.InputStream value) throws SQLException {
        openPrepared().setAsciiStream(index, value);
        bind(index, value);
    }

    @Override
    public void setBigDecimal(int index, java.math.BigDecimal value) throws SQLException {
        openPrepared().setBigDecimal(index, value);
        bind(index, value);
    }

    @Override
    public void setBinaryStream(int index, java.io.InputStream value, int third) throws SQLException {
        openPrepared().setBinaryStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setBinaryStream(int index, java.io.InputStream value, long third) throws SQLException {
        openPrepared().setBinaryStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setBinaryStream(int index, java.io.InputStream value) throws SQLException {
        openPrepared().setBinaryStream(index, value);
        bind(index, value);
    }

    @Override
    public void setBlob(int index, java.io.InputStream value, long third) throws SQLException {
        openPrepared().setBlob(index, value, third);
        bind(index, value);
    }

    @Override
    public void setBlob(int index, java.io.InputStream value) throws SQLException {
        openPrepared().setBlob(index, value);
        bind(index, value);
    }

    @Override
    public void setBlob(int index, Blob value) throws SQLException {
        openPrepared().setBlob(index, value);
        bind(index, value);
    }

    @Override
    public void setBoolean(int index, boolean value) throws SQLException {
        openPrepared().setBoolean(index, value);
        bind(index, value);
    }

    @Override
    public void setByte(int index, byte value) throws SQLException {
        openPrepared().setByte(index, value);
        bind(index, value);
    }

    @Override
    public void setBytes(int index, byte[] value) throws SQLException {
        openPrepared().setBytes(index, value);
        bind(index, value);
    }

    @Override
    public void setCharacterStream(int index, java.io.Reader value, int third) throws SQLException {
        openPrepared().setCharacterStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setCharacterStream(int index, java.io.Reader value, long third) throws SQLException {
        openPrepared().setCharacterStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setCharacterStream(int index, java.io.Reader value) throws SQLException {
        openPrepared().setCharacterStream(index, value);
        bind(index, value);
    }

    @Override
    public void setClob(int index, java.io.Reader value, long third) throws SQLException {
        openPrepared().setClob(index, value, third);
        bind(index, value);
    }

    @Override
    public void setClob(int index, java.io.Reader value) throws SQLException {
        openPrepared().setClob(index, value);
        bind(index, value);
    }

    @Override
    public void setClob(int index, Clob value) throws SQLException {
        openPrepared().setClob(index, value);
        bind(index, value);
    }

    @Override
    public void setDate(int index, Date value, java.util.Calendar third) throws SQLException {
        openPrepared().setDate(index, value, third);
        bind(index, value);
    }

    @Override
    public void setDate(int index, Date value) throws SQLException {
        openPrepared().setDate(index, value);
        bind(index, value);
    }

    @Override
    public void setDouble(int index, double value) throws SQLException {
        openPrepared().setDouble(index, value);
        bind(index, value);
    }

    @Override
    public void setFloat(int index, float value) throws SQLException {
        openPrepared().setFloat(index, value);
        bind(index, value);
    }

    @Override
    public void setInt(int index, int value) throws SQLException {
        openPrepared().setInt(index, value);
        bind(index, value);
    }

    @Override
    public void setLong(int index, long value) throws SQLException {
        openPrepared().setLong(index, value);
        bind(index, value);
    }

    @Override
    public void setNCharacterStream(int index, java.io.Reader value, long third) throws SQLException {
        openPrepared().setNCharacterStream(index, value, third);
        bind(index, value);
    }

    @Override
    public void setNCharacterStream(int index, java.io.Reader value) throws SQLException {
        openPrepared().setNCharacterStream(index, value);
        bind(index, value);
    }

    @Override
    public void setNClob(int index, java.io.Reader value, long third) throws SQLException {
        openPrepared().setNClob(index, value, third);
        bind(index, value);
    }

    @Override
    public void setNClob(int index, java.io.Reader value) throws SQLException {
        openPrepared().setNClob(index, value);
        bind(index, value);
    }

    @Override
    public void setNClob(int index, NClob value) throws SQLException {
        openPrepared().setNClob(index, value);
        bind(index, value);
    }

    @Override
    public void setNString(int index, String value) throws SQLException {
        openPrepared().setNString(index, value);
        bind(index, value);
    }

    @Override
    public void setNull(int index, int value, String third) throws SQLException {
        openPrepared().setNull(index, value, third);
        bind(index, null);
    }

    @Override
    public void setNull(int index, int value) throws SQLException {
        openPrepared().setNull(index, value);
        bind(index, null);
    }

    @Override
    public void setObject(int index, Object value, int third, int a3) throws SQLException {
        openPrepared().setObject(index, value, third, a3);
        bind(index, value);
    }

    @Override
    public void setObject(int index, Object value, int third) throws SQLException {
        openPrepared().setObject(index, value, third);
        bind(index, value);
    }

    @Override
    public void setObject(int index, Object value, SQLType third, int a3) throws SQLException {
        openPrepared().setObject(index, value, third, a3);
        bind(index, value);
    }

    @Override
    public void setObject(int index, Object value, SQLType third) throws SQLException {
        openPrepared().setObject(index, value, third);
        bind(index, value);
    }

    @Override
    public void setObject(int index, Object value) throws SQLException {
        openPrepared().setObject(index, value);
        bind(index, value);
    }

    @Override
    public void setRef(int index, Ref value) throws SQLException {
        openPrepared().setRef(index, value);
        bind(index, value);
    }

    @Override
    public void setRowId(int index, RowId value) throws SQLException {
        openPrepared().setRowId(index, value);
        bind(index, value);
    }

    @Override
    public void setSQLXML(int index, SQLXML value) throws SQLException {
        openPrepared().setSQLXML(index, value);
        bind(index, value);
    }

    @Override
    public void setShort(int index, short value) throws SQLException {
        openPrepared().setShort(index, value);
        bind(index, value);
    }

    @Override
    public void setString(int index, String value) throws SQLException {
        openPrepared().setString(index, value);
        bind(index, value);
    }

    @Override
    public void setTime(int index, Time value, java.util.Calendar third) throws SQLException {
        openPrepared().setTime(index, value, third);
        bind(index, value);
    }

    @Override
    public void setTime(int index, Time value) throws SQLException {
        openPrepared().setTime(index, value);
        bind(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value, java.util.Calendar third) throws SQLException {
        openPrepared().setTimestamp(index, value, third);
        bind(index, value);
    }

    @Override
    public void setTimestamp(int index, Timestamp value) throws SQLException {
        openPrepared().setTimestamp(index, value);
        bind(index, value);
    }

    @Override
    public void setURL(int index, java.net.URL value) throws SQLException {
        openPrepared().setURL(index, value);
        bind(index, value);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int index, java.io.InputStream value, int third) throws SQLException {
        openPrepared().setUnicodeStream(index, value, third);
        bind(index, value);
    }

}
