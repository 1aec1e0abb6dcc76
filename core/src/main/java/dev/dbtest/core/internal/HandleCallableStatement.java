package dev.dbtest.core.internal;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/** A callable statement made by a {@link ConnectionHandle}; see {@link HandleStatement}. */
final class HandleCallableStatement extends HandlePreparedStatement implements CallableStatement {

    private final CallableStatement callable;

    HandleCallableStatement(ConnectionHandle handle, CallableStatement callable, String sql) {
        super(handle, callable, sql);
        this.callable = callable;
    }

    private CallableStatement openCallable() throws SQLException {
        open();
        return callable;
    }

    // --- plain delegation (generated from java.sql.CallableStatement) -----------------------------------------------

    @Override
    public Array getArray(String parameter) throws SQLException {
        return openCallable().getArray(parameter);
    }

    @Override
    public Array getArray(int parameter) throws SQLException {
        return openCallable().getArray(parameter);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(String parameter) throws SQLException {
        return openCallable().getBigDecimal(parameter);
    }

    @Override
    @Deprecated
    @SuppressWarnings("deprecation")
    public java.math.BigDecimal getBigDecimal(int parameter, int value) throws SQLException {
        return openCallable().getBigDecimal(parameter, value);
    }

    @Override
    public java.math.BigDecimal getBigDecimal(int parameter) throws SQLException {
        return openCallable().getBigDecimal(parameter);
    }

    @Override
    public Blob getBlob(String parameter) throws SQLException {
        return openCallable().getBlob(parameter);
    }

    @Override
    public Blob getBlob(int parameter) throws SQLException {
        return openCallable().getBlob(parameter);
    }

    @Override
    public boolean getBoolean(String parameter) throws SQLException {
        return openCallable().getBoolean(parameter);
    }

    @Override
    public boolean getBoolean(int parameter) throws SQLException {
        return openCallable().getBoolean(parameter);
    }

    @Override
    public byte getByte(String parameter) throws SQLException {
        return openCallable().getByte(parameter);
    }

    @Override
    public byte getByte(int parameter) throws SQLException {
        return openCallable().getByte(parameter);
    }

    @Override
    public byte[] getBytes(String parameter) throws SQLException {
        return openCallable().getBytes(parameter);
    }

    @Override
    public byte[] getBytes(int parameter) throws SQLException {
        return openCallable().getBytes(parameter);
    }

    @Override
    public java.io.Reader getCharacterStream(String parameter) throws SQLException {
        return openCallable().getCharacterStream(parameter);
    }

    @Override
    public java.io.Reader getCharacterStream(int parameter) throws SQLException {
        return openCallable().getCharacterStream(parameter);
    }

    @Override
    public Clob getClob(String parameter) throws SQLException {
        return openCallable().getClob(parameter);
    }

    @Override
    public Clob getClob(int parameter) throws SQLException {
        return openCallable().getClob(parameter);
    }

    @Override
    public Date getDate(String parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getDate(parameter, value);
    }

    @Override
    public Date getDate(String parameter) throws SQLException {
        return openCallable().getDate(parameter);
    }

    @Override
    public Date getDate(int parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getDate(parameter, value);
    }

    @Override
    public Date getDate(int parameter) throws SQLException {
        return openCallable().getDate(parameter);
    }

    @Override
    public double getDouble(String parameter) throws SQLException {
        return openCallable().getDouble(parameter);
    }

    @Override
    public double getDouble(int parameter) throws SQLException {
        return openCallable().getDouble(parameter);
    }

    @Override
    public float getFloat(String parameter) throws SQLException {
        return openCallable().getFloat(parameter);
    }

    @Override
    public float getFloat(int parameter) throws SQLException {
        return openCallable().getFloat(parameter);
    }

    @Override
    public int getInt(String parameter) throws SQLException {
        return openCallable().getInt(parameter);
    }

    @Override
    public int getInt(int parameter) throws SQLException {
        return openCallable().getInt(parameter);
    }

    @Override
    public long getLong(String parameter) throws SQLException {
        return openCallable().getLong(parameter);
    }

    @Override
    public long getLong(int parameter) throws SQLException {
        return openCallable().getLong(parameter);
    }

    @Override
    public java.io.Reader getNCharacterStream(String parameter) throws SQLException {
        return openCallable().getNCharacterStream(parameter);
    }

    @Override
    public java.io.Reader getNCharacterStream(int parameter) throws SQLException {
        return openCallable().getNCharacterStream(parameter);
    }

    @Override
    public NClob getNClob(String parameter) throws SQLException {
        return openCallable().getNClob(parameter);
    }

    @Override
    public NClob getNClob(int parameter) throws SQLException {
        return openCallable().getNClob(parameter);
    }

    @Override
    public String getNString(String parameter) throws SQLException {
        return openCallable().getNString(parameter);
    }

    @Override
    public String getNString(int parameter) throws SQLException {
        return openCallable().getNString(parameter);
    }

    @Override
    public <T> T getObject(String parameter, Class<T> value) throws SQLException {
        return openCallable().getObject(parameter, value);
    }

    @Override
    public Object getObject(String parameter, java.util.Map<String, Class<?>> value) throws SQLException {
        return openCallable().getObject(parameter, value);
    }

    @Override
    public Object getObject(String parameter) throws SQLException {
        return openCallable().getObject(parameter);
    }

    @Override
    public <T> T getObject(int parameter, Class<T> value) throws SQLException {
        return openCallable().getObject(parameter, value);
    }

    @Override
    public Object getObject(int parameter, java.util.Map<String, Class<?>> value) throws SQLException {
        return openCallable().getObject(parameter, value);
    }

    @Override
    public Object getObject(int parameter) throws SQLException {
        return openCallable().getObject(parameter);
    }

    @Override
    public Ref getRef(String parameter) throws SQLException {
        return openCallable().getRef(parameter);
    }

    @Override
    public Ref getRef(int parameter) throws SQLException {
        return openCallable().getRef(parameter);
    }

    @Override
    public RowId getRowId(String parameter) throws SQLException {
        return openCallable().getRowId(parameter);
    }

    @Override
    public RowId getRowId(int parameter) throws SQLException {
        return openCallable().getRowId(parameter);
    }

    @Override
    public SQLXML getSQLXML(String parameter) throws SQLException {
        return openCallable().getSQLXML(parameter);
    }

    @Override
    public SQLXML getSQLXML(int parameter) throws SQLException {
        return openCallable().getSQLXML(parameter);
    }

    @Override
    public short getShort(String parameter) throws SQLException {
        return openCallable().getShort(parameter);
    }

    @Override
    public short getShort(int parameter) throws SQLException {
        return openCallable().getShort(parameter);
    }

    @Override
    public String getString(String parameter) throws SQLException {
        return openCallable().getString(parameter);
    }

    @Override
    public String getString(int parameter) throws SQLException {
        return openCallable().getString(parameter);
    }

    @Override
    public Time getTime(String parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getTime(parameter, value);
    }

    @Override
    public Time getTime(String parameter) throws SQLException {
        return openCallable().getTime(parameter);
    }

    @Override
    public Time getTime(int parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getTime(parameter, value);
    }

    @Override
    public Time getTime(int parameter) throws SQLException {
        return openCallable().getTime(parameter);
    }

    @Override
    public Timestamp getTimestamp(String parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getTimestamp(parameter, value);
    }

    @Override
    public Timestamp getTimestamp(String parameter) throws SQLException {
        return openCallable().getTimestamp(parameter);
    }

    @Override
    public Timestamp getTimestamp(int parameter, java.util.Calendar value) throws SQLException {
        return openCallable().getTimestamp(parameter, value);
    }

    @Override
    public Timestamp getTimestamp(int parameter) throws SQLException {
        return openCallable().getTimestamp(parameter);
    }

    @Override
    public java.net.URL getURL(String parameter) throws SQLException {
        return openCallable().getURL(parameter);
    }

    @Override
    public java.net.URL getURL(int parameter) throws SQLException {
        return openCallable().getURL(parameter);
    }

    @Override
    public void registerOutParameter(String parameter, int value, String third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(String parameter, int value, int third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(String parameter, int value) throws SQLException {
        openCallable().registerOutParameter(parameter, value);
    }

    @Override
    public void registerOutParameter(String parameter, SQLType value, String third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(String parameter, SQLType value, int third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(String parameter, SQLType value) throws SQLException {
        openCallable().registerOutParameter(parameter, value);
    }

    @Override
    public void registerOutParameter(int parameter, int value, String third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(int parameter, int value, int third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(int parameter, int value) throws SQLException {
        openCallable().registerOutParameter(parameter, value);
    }

    @Override
    public void registerOutParameter(int parameter, SQLType value, String third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(int parameter, SQLType value, int third) throws SQLException {
        openCallable().registerOutParameter(parameter, value, third);
    }

    @Override
    public void registerOutParameter(int parameter, SQLType value) throws SQLException {
        openCallable().registerOutParameter(parameter, value);
    }

    @Override
    public void setAsciiStream(String parameter, java.io.InputStream value, int third) throws SQLException {
        openCallable().setAsciiStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setAsciiStream(String parameter, java.io.InputStream value, long third) throws SQLException {
        openCallable().setAsciiStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setAsciiStream(String parameter, java.io.InputStream value) throws SQLException {
        openCallable().setAsciiStream(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBigDecimal(String parameter, java.math.BigDecimal value) throws SQLException {
        openCallable().setBigDecimal(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBinaryStream(String parameter, java.io.InputStream value, int third) throws SQLException {
        openCallable().setBinaryStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setBinaryStream(String parameter, java.io.InputStream value, long third) throws SQLException {
        openCallable().setBinaryStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setBinaryStream(String parameter, java.io.InputStream value) throws SQLException {
        openCallable().setBinaryStream(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBlob(String parameter, java.io.InputStream value, long third) throws SQLException {
        openCallable().setBlob(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setBlob(String parameter, java.io.InputStream value) throws SQLException {
        openCallable().setBlob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBlob(String parameter, Blob value) throws SQLException {
        openCallable().setBlob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBoolean(String parameter, boolean value) throws SQLException {
        openCallable().setBoolean(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setByte(String parameter, byte value) throws SQLException {
        openCallable().setByte(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setBytes(String parameter, byte[] value) throws SQLException {
        openCallable().setBytes(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setCharacterStream(String parameter, java.io.Reader value, int third) throws SQLException {
        openCallable().setCharacterStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setCharacterStream(String parameter, java.io.Reader value, long third) throws SQLException {
        openCallable().setCharacterStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setCharacterStream(String parameter, java.io.Reader value) throws SQLException {
        openCallable().setCharacterStream(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setClob(String parameter, java.io.Reader value, long third) throws SQLException {
        openCallable().setClob(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setClob(String parameter, java.io.Reader value) throws SQLException {
        openCallable().setClob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setClob(String parameter, Clob value) throws SQLException {
        openCallable().setClob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setDate(String parameter, Date value, java.util.Calendar third) throws SQLException {
        openCallable().setDate(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setDate(String parameter, Date value) throws SQLException {
        openCallable().setDate(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setDouble(String parameter, double value) throws SQLException {
        openCallable().setDouble(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setFloat(String parameter, float value) throws SQLException {
        openCallable().setFloat(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setInt(String parameter, int value) throws SQLException {
        openCallable().setInt(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setLong(String parameter, long value) throws SQLException {
        openCallable().setLong(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setNCharacterStream(String parameter, java.io.Reader value, long third) throws SQLException {
        openCallable().setNCharacterStream(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setNCharacterStream(String parameter, java.io.Reader value) throws SQLException {
        openCallable().setNCharacterStream(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setNClob(String parameter, java.io.Reader value, long third) throws SQLException {
        openCallable().setNClob(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setNClob(String parameter, java.io.Reader value) throws SQLException {
        openCallable().setNClob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setNClob(String parameter, NClob value) throws SQLException {
        openCallable().setNClob(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setNString(String parameter, String value) throws SQLException {
        openCallable().setNString(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setNull(String parameter, int value, String third) throws SQLException {
        openCallable().setNull(parameter, value, third);
        bindNamed(parameter, null);
    }

    @Override
    public void setNull(String parameter, int value) throws SQLException {
        openCallable().setNull(parameter, value);
        bindNamed(parameter, null);
    }

    @Override
    public void setObject(String parameter, Object value, int third, int fourth) throws SQLException {
        openCallable().setObject(parameter, value, third, fourth);
        bindNamed(parameter, value);
    }

    @Override
    public void setObject(String parameter, Object value, int third) throws SQLException {
        openCallable().setObject(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setObject(String parameter, Object value, SQLType third, int fourth) throws SQLException {
        openCallable().setObject(parameter, value, third, fourth);
        bindNamed(parameter, value);
    }

    @Override
    public void setObject(String parameter, Object value, SQLType third) throws SQLException {
        openCallable().setObject(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setObject(String parameter, Object value) throws SQLException {
        openCallable().setObject(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setRowId(String parameter, RowId value) throws SQLException {
        openCallable().setRowId(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setSQLXML(String parameter, SQLXML value) throws SQLException {
        openCallable().setSQLXML(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setShort(String parameter, short value) throws SQLException {
        openCallable().setShort(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setString(String parameter, String value) throws SQLException {
        openCallable().setString(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setTime(String parameter, Time value, java.util.Calendar third) throws SQLException {
        openCallable().setTime(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setTime(String parameter, Time value) throws SQLException {
        openCallable().setTime(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setTimestamp(String parameter, Timestamp value, java.util.Calendar third) throws SQLException {
        openCallable().setTimestamp(parameter, value, third);
        bindNamed(parameter, value);
    }

    @Override
    public void setTimestamp(String parameter, Timestamp value) throws SQLException {
        openCallable().setTimestamp(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public void setURL(String parameter, java.net.URL value) throws SQLException {
        openCallable().setURL(parameter, value);
        bindNamed(parameter, value);
    }

    @Override
    public boolean wasNull() throws SQLException {
        return openCallable().wasNull();
    }

}
