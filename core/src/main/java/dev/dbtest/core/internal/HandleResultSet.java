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
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A result set of a {@link HandleStatement}: {@link #getStatement()} returns the handle's statement, so that
 * {@code getStatement().getConnection()} leads back to the handle, never to the physical connection.
 */
final class HandleResultSet implements ResultSet {

    private final HandleStatement statement;
    private final ResultSet delegate;

    private HandleResultSet(HandleStatement statement, ResultSet delegate) {
        this.statement = statement;
        this.delegate = delegate;
    }

    static ResultSet wrap(HandleStatement statement, ResultSet delegate) {
        return delegate == null ? null : new HandleResultSet(statement, delegate);
    }

    @Override
    public Statement getStatement() {
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (ResultSet.class.isAssignableFrom(iface)) {
            throw new SQLException("dbtest does not unwrap its result sets to " + iface.getName() + ": the driver's "
                    + "result set leads to the physical connection of the test transaction.");
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || !ResultSet.class.isAssignableFrom(iface) && delegate.isWrapperFor(iface);
    }

    // --- plain delegation (generated from java.sql.ResultSet) -------------------------------------------------------

    @Override
    public boolean absolute(int column) throws SQLException {
        return delegate.absolute(column);
    }

    @Override
    public void afterLast() throws SQLException {
        delegate.afterLast();
    }

    @Override
    public void beforeFirst() throws SQLException {
        delegate.beforeFirst();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        delegate.cancelRowUpdates();
    }

    @Override
    public void clearWarnings() throws SQLException {
        delegate.clearWarnings();
    }

    @Override
    public void close() throws SQLException {
        delegate.close();
    }

    @Override
    public void deleteRow() throws SQLException {
        statement.rowChange("deleteRow", dev.dbtest.core.StatementType.DELETE, delegate::deleteRow);
    }

    @Override
    public int findColumn(String column) throws SQLException {
        return delegate.findColumn(column);
    }

    @Override
    public boolean first() throws SQLException {
        return delegate.first();
    }

    @Override
    public Array getArray(String column) throws SQLException {
        return delegate.getArray(column);
    }

    @Override
    public Array getArray(int column) throws SQLException {
        return delegate.getArray(column);
    }

    @Override
    public java.io.InputStream getAsciiStream(String column) throws SQLException {
        return delegate.getAsciiStream(column);
    }

    @Override
    public java.io.InputStream getAsciiStream(int column) throws SQLException {
        return delegate.getAsciiStream(column);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public java.math.BigDecimal getBigDecimal(String column, int value) throws SQLException {
        return delegate.getBigDecimal(column, value);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String column) throws SQLException {
        return delegate.getBigDecimal(column);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public java.math.BigDecimal getBigDecimal(int column, int value) throws SQLException {
        return delegate.getBigDecimal(column, value);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int column) throws SQLException {
        return delegate.getBigDecimal(column);
    }

    @Override
    public java.io.InputStream getBinaryStream(String column) throws SQLException {
        return delegate.getBinaryStream(column);
    }

    @Override
    public java.io.InputStream getBinaryStream(int column) throws SQLException {
        return delegate.getBinaryStream(column);
    }

    @Override
    public Blob getBlob(String column) throws SQLException {
        return delegate.getBlob(column);
    }

    @Override
    public Blob getBlob(int column) throws SQLException {
        return delegate.getBlob(column);
    }

    @Override
    public boolean getBoolean(String column) throws SQLException {
        return delegate.getBoolean(column);
    }

    @Override
    public boolean getBoolean(int column) throws SQLException {
        return delegate.getBoolean(column);
    }

    @Override
    public byte getByte(String column) throws SQLException {
        return delegate.getByte(column);
    }

    @Override
    public byte getByte(int column) throws SQLException {
        return delegate.getByte(column);
    }

    @Override
    public byte[] getBytes(String column) throws SQLException {
        return delegate.getBytes(column);
    }

    @Override
    public byte[] getBytes(int column) throws SQLException {
        return delegate.getBytes(column);
    }

    @Override
    public java.io.Reader getCharacterStream(String column) throws SQLException {
        return delegate.getCharacterStream(column);
    }

    @Override
    public java.io.Reader getCharacterStream(int column) throws SQLException {
        return delegate.getCharacterStream(column);
    }

    @Override
    public Clob getClob(String column) throws SQLException {
        return delegate.getClob(column);
    }

    @Override
    public Clob getClob(int column) throws SQLException {
        return delegate.getClob(column);
    }

    @Override
    public int getConcurrency() throws SQLException {
        return delegate.getConcurrency();
    }

    @Override
    public String getCursorName() throws SQLException {
        return delegate.getCursorName();
    }

    @Override
    public Date getDate(String column, java.util.Calendar value) throws SQLException {
        return delegate.getDate(column, value);
    }

    @Override
    public Date getDate(String column) throws SQLException {
        return delegate.getDate(column);
    }

    @Override
    public Date getDate(int column, java.util.Calendar value) throws SQLException {
        return delegate.getDate(column, value);
    }

    @Override
    public Date getDate(int column) throws SQLException {
        return delegate.getDate(column);
    }

    @Override
    public double getDouble(String column) throws SQLException {
        return delegate.getDouble(column);
    }

    @Override
    public double getDouble(int column) throws SQLException {
        return delegate.getDouble(column);
    }

    @Override
    public int getFetchDirection() throws SQLException {
        return delegate.getFetchDirection();
    }

    @Override
    public int getFetchSize() throws SQLException {
        return delegate.getFetchSize();
    }

    @Override
    public float getFloat(String column) throws SQLException {
        return delegate.getFloat(column);
    }

    @Override
    public float getFloat(int column) throws SQLException {
        return delegate.getFloat(column);
    }

    @Override
    public int getHoldability() throws SQLException {
        return delegate.getHoldability();
    }

    @Override
    public int getInt(String column) throws SQLException {
        return delegate.getInt(column);
    }

    @Override
    public int getInt(int column) throws SQLException {
        return delegate.getInt(column);
    }

    @Override
    public long getLong(String column) throws SQLException {
        return delegate.getLong(column);
    }

    @Override
    public long getLong(int column) throws SQLException {
        return delegate.getLong(column);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        return delegate.getMetaData();
    }

    @Override
    public java.io.Reader getNCharacterStream(String column) throws SQLException {
        return delegate.getNCharacterStream(column);
    }

    @Override
    public java.io.Reader getNCharacterStream(int column) throws SQLException {
        return delegate.getNCharacterStream(column);
    }

    @Override
    public NClob getNClob(String column) throws SQLException {
        return delegate.getNClob(column);
    }

    @Override
    public NClob getNClob(int column) throws SQLException {
        return delegate.getNClob(column);
    }

    @Override
    public String getNString(String column) throws SQLException {
        return delegate.getNString(column);
    }

    @Override
    public String getNString(int column) throws SQLException {
        return delegate.getNString(column);
    }

    @Override
    public <T> T getObject(String column, Class<T> value) throws SQLException {
        return delegate.getObject(column, value);
    }

    @Override
    public Object getObject(String column, java.util.Map<String, Class<?>> value) throws SQLException {
        return delegate.getObject(column, value);
    }

    @Override
    public Object getObject(String column) throws SQLException {
        return delegate.getObject(column);
    }

    @Override
    public <T> T getObject(int column, Class<T> value) throws SQLException {
        return delegate.getObject(column, value);
    }

    @Override
    public Object getObject(int column, java.util.Map<String, Class<?>> value) throws SQLException {
        return delegate.getObject(column, value);
    }

    @Override
    public Object getObject(int column) throws SQLException {
        return delegate.getObject(column);
    }

    @Override
    public Ref getRef(String column) throws SQLException {
        return delegate.getRef(column);
    }

    @Override
    public Ref getRef(int column) throws SQLException {
        return delegate.getRef(column);
    }

    @Override
    public RowId getRowId(String column) throws SQLException {
        return delegate.getRowId(column);
    }

    @Override
    public RowId getRowId(int column) throws SQLException {
        return delegate.getRowId(column);
    }

    @Override
    public int getRow() throws SQLException {
        return delegate.getRow();
    }

    @Override
    public SQLXML getSQLXML(String column) throws SQLException {
        return delegate.getSQLXML(column);
    }

    @Override
    public SQLXML getSQLXML(int column) throws SQLException {
        return delegate.getSQLXML(column);
    }

    @Override
    public short getShort(String column) throws SQLException {
        return delegate.getShort(column);
    }

    @Override
    public short getShort(int column) throws SQLException {
        return delegate.getShort(column);
    }

    @Override
    public String getString(String column) throws SQLException {
        return delegate.getString(column);
    }

    @Override
    public String getString(int column) throws SQLException {
        return delegate.getString(column);
    }

    @Override
    public Time getTime(String column, java.util.Calendar value) throws SQLException {
        return delegate.getTime(column, value);
    }

    @Override
    public Time getTime(String column) throws SQLException {
        return delegate.getTime(column);
    }

    @Override
    public Time getTime(int column, java.util.Calendar value) throws SQLException {
        return delegate.getTime(column, value);
    }

    @Override
    public Time getTime(int column) throws SQLException {
        return delegate.getTime(column);
    }

    @Override
    public Timestamp getTimestamp(String column, java.util.Calendar value) throws SQLException {
        return delegate.getTimestamp(column, value);
    }

    @Override
    public Timestamp getTimestamp(String column) throws SQLException {
        return delegate.getTimestamp(column);
    }

    @Override
    public Timestamp getTimestamp(int column, java.util.Calendar value) throws SQLException {
        return delegate.getTimestamp(column, value);
    }

    @Override
    public Timestamp getTimestamp(int column) throws SQLException {
        return delegate.getTimestamp(column);
    }

    @Override
    public int getType() throws SQLException {
        return delegate.getType();
    }

    @Override
    public java.net.URL getURL(String column) throws SQLException {
        return delegate.getURL(column);
    }

    @Override
    public java.net.URL getURL(int column) throws SQLException {
        return delegate.getURL(column);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public java.io.InputStream getUnicodeStream(String column) throws SQLException {
        return delegate.getUnicodeStream(column);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public java.io.InputStream getUnicodeStream(int column) throws SQLException {
        return delegate.getUnicodeStream(column);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        return delegate.getWarnings();
    }

    @Override
    public void insertRow() throws SQLException {
        statement.rowChange("insertRow", dev.dbtest.core.StatementType.INSERT, delegate::insertRow);
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        return delegate.isAfterLast();
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        return delegate.isBeforeFirst();
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate.isClosed();
    }

    @Override
    public boolean isFirst() throws SQLException {
        return delegate.isFirst();
    }

    @Override
    public boolean isLast() throws SQLException {
        return delegate.isLast();
    }

    @Override
    public boolean last() throws SQLException {
        return delegate.last();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        delegate.moveToCurrentRow();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        delegate.moveToInsertRow();
    }

    @Override
    public boolean next() throws SQLException {
        return delegate.next();
    }

    @Override
    public boolean previous() throws SQLException {
        return delegate.previous();
    }

    @Override
    public void refreshRow() throws SQLException {
        statement.rowChange("refreshRow", dev.dbtest.core.StatementType.SELECT, delegate::refreshRow);
    }

    @Override
    public boolean relative(int column) throws SQLException {
        return delegate.relative(column);
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        return delegate.rowDeleted();
    }

    @Override
    public boolean rowInserted() throws SQLException {
        return delegate.rowInserted();
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        return delegate.rowUpdated();
    }

    @Override
    public void setFetchDirection(int column) throws SQLException {
        delegate.setFetchDirection(column);
    }

    @Override
    public void setFetchSize(int column) throws SQLException {
        delegate.setFetchSize(column);
    }

    @Override
    public void updateArray(String column, Array value) throws SQLException {
        delegate.updateArray(column, value);
    }

    @Override
    public void updateArray(int column, Array value) throws SQLException {
        delegate.updateArray(column, value);
    }

    @Override
    public void updateAsciiStream(String column, java.io.InputStream value, int third) throws SQLException {
        delegate.updateAsciiStream(column, value, third);
    }

    @Override
    public void updateAsciiStream(String column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateAsciiStream(column, value, third);
    }

    @Override
    public void updateAsciiStream(String column, java.io.InputStream value) throws SQLException {
        delegate.updateAsciiStream(column, value);
    }

    @Override
    public void updateAsciiStream(int column, java.io.InputStream value, int third) throws SQLException {
        delegate.updateAsciiStream(column, value, third);
    }

    @Override
    public void updateAsciiStream(int column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateAsciiStream(column, value, third);
    }

    @Override
    public void updateAsciiStream(int column, java.io.InputStream value) throws SQLException {
        delegate.updateAsciiStream(column, value);
    }

    @Override
    public void updateBigDecimal(String column, java.math.BigDecimal value) throws SQLException {
        delegate.updateBigDecimal(column, value);
    }

    @Override
    public void updateBigDecimal(int column, java.math.BigDecimal value) throws SQLException {
        delegate.updateBigDecimal(column, value);
    }

    @Override
    public void updateBinaryStream(String column, java.io.InputStream value, int third) throws SQLException {
        delegate.updateBinaryStream(column, value, third);
    }

    @Override
    public void updateBinaryStream(String column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateBinaryStream(column, value, third);
    }

    @Override
    public void updateBinaryStream(String column, java.io.InputStream value) throws SQLException {
        delegate.updateBinaryStream(column, value);
    }

    @Override
    public void updateBinaryStream(int column, java.io.InputStream value, int third) throws SQLException {
        delegate.updateBinaryStream(column, value, third);
    }

    @Override
    public void updateBinaryStream(int column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateBinaryStream(column, value, third);
    }

    @Override
    public void updateBinaryStream(int column, java.io.InputStream value) throws SQLException {
        delegate.updateBinaryStream(column, value);
    }

    @Override
    public void updateBlob(String column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateBlob(column, value, third);
    }

    @Override
    public void updateBlob(String column, java.io.InputStream value) throws SQLException {
        delegate.updateBlob(column, value);
    }

    @Override
    public void updateBlob(String column, Blob value) throws SQLException {
        delegate.updateBlob(column, value);
    }

    @Override
    public void updateBlob(int column, java.io.InputStream value, long third) throws SQLException {
        delegate.updateBlob(column, value, third);
    }

    @Override
    public void updateBlob(int column, java.io.InputStream value) throws SQLException {
        delegate.updateBlob(column, value);
    }

    @Override
    public void updateBlob(int column, Blob value) throws SQLException {
        delegate.updateBlob(column, value);
    }

    @Override
    public void updateBoolean(String column, boolean value) throws SQLException {
        delegate.updateBoolean(column, value);
    }

    @Override
    public void updateBoolean(int column, boolean value) throws SQLException {
        delegate.updateBoolean(column, value);
    }

    @Override
    public void updateByte(String column, byte value) throws SQLException {
        delegate.updateByte(column, value);
    }

    @Override
    public void updateByte(int column, byte value) throws SQLException {
        delegate.updateByte(column, value);
    }

    @Override
    public void updateBytes(String column, byte[] value) throws SQLException {
        delegate.updateBytes(column, value);
    }

    @Override
    public void updateBytes(int column, byte[] value) throws SQLException {
        delegate.updateBytes(column, value);
    }

    @Override
    public void updateCharacterStream(String column, java.io.Reader value, int third) throws SQLException {
        delegate.updateCharacterStream(column, value, third);
    }

    @Override
    public void updateCharacterStream(String column, java.io.Reader value, long third) throws SQLException {
        delegate.updateCharacterStream(column, value, third);
    }

    @Override
    public void updateCharacterStream(String column, java.io.Reader value) throws SQLException {
        delegate.updateCharacterStream(column, value);
    }

    @Override
    public void updateCharacterStream(int column, java.io.Reader value, int third) throws SQLException {
        delegate.updateCharacterStream(column, value, third);
    }

    @Override
    public void updateCharacterStream(int column, java.io.Reader value, long third) throws SQLException {
        delegate.updateCharacterStream(column, value, third);
    }

    @Override
    public void updateCharacterStream(int column, java.io.Reader value) throws SQLException {
        delegate.updateCharacterStream(column, value);
    }

    @Override
    public void updateClob(String column, java.io.Reader value, long third) throws SQLException {
        delegate.updateClob(column, value, third);
    }

    @Override
    public void updateClob(String column, java.io.Reader value) throws SQLException {
        delegate.updateClob(column, value);
    }

    @Override
    public void updateClob(String column, Clob value) throws SQLException {
        delegate.updateClob(column, value);
    }

    @Override
    public void updateClob(int column, java.io.Reader value, long third) throws SQLException {
        delegate.updateClob(column, value, third);
    }

    @Override
    public void updateClob(int column, java.io.Reader value) throws SQLException {
        delegate.updateClob(column, value);
    }

    @Override
    public void updateClob(int column, Clob value) throws SQLException {
        delegate.updateClob(column, value);
    }

    @Override
    public void updateDate(String column, Date value) throws SQLException {
        delegate.updateDate(column, value);
    }

    @Override
    public void updateDate(int column, Date value) throws SQLException {
        delegate.updateDate(column, value);
    }

    @Override
    public void updateDouble(String column, double value) throws SQLException {
        delegate.updateDouble(column, value);
    }

    @Override
    public void updateDouble(int column, double value) throws SQLException {
        delegate.updateDouble(column, value);
    }

    @Override
    public void updateFloat(String column, float value) throws SQLException {
        delegate.updateFloat(column, value);
    }

    @Override
    public void updateFloat(int column, float value) throws SQLException {
        delegate.updateFloat(column, value);
    }

    @Override
    public void updateInt(String column, int value) throws SQLException {
        delegate.updateInt(column, value);
    }

    @Override
    public void updateInt(int column, int value) throws SQLException {
        delegate.updateInt(column, value);
    }

    @Override
    public void updateLong(String column, long value) throws SQLException {
        delegate.updateLong(column, value);
    }

    @Override
    public void updateLong(int column, long value) throws SQLException {
        delegate.updateLong(column, value);
    }

    @Override
    public void updateNCharacterStream(String column, java.io.Reader value, long third) throws SQLException {
        delegate.updateNCharacterStream(column, value, third);
    }

    @Override
    public void updateNCharacterStream(String column, java.io.Reader value) throws SQLException {
        delegate.updateNCharacterStream(column, value);
    }

    @Override
    public void updateNCharacterStream(int column, java.io.Reader value, long third) throws SQLException {
        delegate.updateNCharacterStream(column, value, third);
    }

    @Override
    public void updateNCharacterStream(int column, java.io.Reader value) throws SQLException {
        delegate.updateNCharacterStream(column, value);
    }

    @Override
    public void updateNClob(String column, java.io.Reader value, long third) throws SQLException {
        delegate.updateNClob(column, value, third);
    }

    @Override
    public void updateNClob(String column, java.io.Reader value) throws SQLException {
        delegate.updateNClob(column, value);
    }

    @Override
    public void updateNClob(String column, NClob value) throws SQLException {
        delegate.updateNClob(column, value);
    }

    @Override
    public void updateNClob(int column, java.io.Reader value, long third) throws SQLException {
        delegate.updateNClob(column, value, third);
    }

    @Override
    public void updateNClob(int column, java.io.Reader value) throws SQLException {
        delegate.updateNClob(column, value);
    }

    @Override
    public void updateNClob(int column, NClob value) throws SQLException {
        delegate.updateNClob(column, value);
    }

    @Override
    public void updateNString(String column, String value) throws SQLException {
        delegate.updateNString(column, value);
    }

    @Override
    public void updateNString(int column, String value) throws SQLException {
        delegate.updateNString(column, value);
    }

    @Override
    public void updateNull(String column) throws SQLException {
        delegate.updateNull(column);
    }

    @Override
    public void updateNull(int column) throws SQLException {
        delegate.updateNull(column);
    }

    @Override
    public void updateObject(String column, Object value, int third) throws SQLException {
        delegate.updateObject(column, value, third);
    }

    @Override
    public void updateObject(String column, Object value, SQLType third, int a3) throws SQLException {
        delegate.updateObject(column, value, third, a3);
    }

    @Override
    public void updateObject(String column, Object value, SQLType third) throws SQLException {
        delegate.updateObject(column, value, third);
    }

    @Override
    public void updateObject(String column, Object value) throws SQLException {
        delegate.updateObject(column, value);
    }

    @Override
    public void updateObject(int column, Object value, int third) throws SQLException {
        delegate.updateObject(column, value, third);
    }

    @Override
    public void updateObject(int column, Object value, SQLType third, int a3) throws SQLException {
        delegate.updateObject(column, value, third, a3);
    }

    @Override
    public void updateObject(int column, Object value, SQLType third) throws SQLException {
        delegate.updateObject(column, value, third);
    }

    @Override
    public void updateObject(int column, Object value) throws SQLException {
        delegate.updateObject(column, value);
    }

    @Override
    public void updateRef(String column, Ref value) throws SQLException {
        delegate.updateRef(column, value);
    }

    @Override
    public void updateRef(int column, Ref value) throws SQLException {
        delegate.updateRef(column, value);
    }

    @Override
    public void updateRowId(String column, RowId value) throws SQLException {
        delegate.updateRowId(column, value);
    }

    @Override
    public void updateRowId(int column, RowId value) throws SQLException {
        delegate.updateRowId(column, value);
    }

    @Override
    public void updateRow() throws SQLException {
        statement.rowChange("updateRow", dev.dbtest.core.StatementType.UPDATE, delegate::updateRow);
    }

    @Override
    public void updateSQLXML(String column, SQLXML value) throws SQLException {
        delegate.updateSQLXML(column, value);
    }

    @Override
    public void updateSQLXML(int column, SQLXML value) throws SQLException {
        delegate.updateSQLXML(column, value);
    }

    @Override
    public void updateShort(String column, short value) throws SQLException {
        delegate.updateShort(column, value);
    }

    @Override
    public void updateShort(int column, short value) throws SQLException {
        delegate.updateShort(column, value);
    }

    @Override
    public void updateString(String column, String value) throws SQLException {
        delegate.updateString(column, value);
    }

    @Override
    public void updateString(int column, String value) throws SQLException {
        delegate.updateString(column, value);
    }

    @Override
    public void updateTime(String column, Time value) throws SQLException {
        delegate.updateTime(column, value);
    }

    @Override
    public void updateTime(int column, Time value) throws SQLException {
        delegate.updateTime(column, value);
    }

    @Override
    public void updateTimestamp(String column, Timestamp value) throws SQLException {
        delegate.updateTimestamp(column, value);
    }

    @Override
    public void updateTimestamp(int column, Timestamp value) throws SQLException {
        delegate.updateTimestamp(column, value);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return delegate.wasNull();
    }

}
