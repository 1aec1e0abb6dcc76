package dev.dbtest.junit.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} whose connections are handles on a pinned connection; the subclass says which. */
abstract class HandleDataSource implements DataSource {

    /** Returns a new handle; never a physical connection. */
    abstract Connection handle();

    @Override
    public Connection getConnection() {
        return handle();
    }

    /** The credentials are ignored: every handle shares the pinned connection, opened with the run's credentials. */
    @Override
    public Connection getConnection(String username, String password) {
        return handle();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged through java.sql's log writer
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // handles open instantly
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("dbtest's DataSource does not log through java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("dbtest's DataSource does not wrap a " + iface.getName()
                + ": the pool behind it is dbtest's own, so that no connection escapes the test transaction");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
