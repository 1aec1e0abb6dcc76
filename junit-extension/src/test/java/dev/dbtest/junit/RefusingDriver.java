package dev.dbtest.junit;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * A JDBC driver for what no real server can be made to refuse on demand: {@code jdbc:dbtest-refusing:h2:mem:x} opens
 * {@code jdbc:h2:mem:x} and hands out its connections wrapped in a {@link Proxy} that, once {@linkplain #refuse armed},
 * answers the next call of one kind with the {@link SQLException} a server would send instead of making it (then the
 * driver is disarmed). A connection that refused a rollback goes on refusing rollbacks, like a server that cannot end
 * the transaction: whether dbtest returns it to its pool as it is shows in the next test.
 */
final class RefusingDriver implements Driver {

    static final String PREFIX = "jdbc:dbtest-refusing:";
    static final String SQL_STATE = "XX000";

    /** What an armed connection refuses. */
    enum Refusal {
        /** {@code setAutoCommit(false)}: the test's transaction cannot begin. */
        BEGIN,
        /** {@code rollback()}: the end of a test's (or class's) transaction. */
        ROLLBACK,
        /** {@code rollback(Savepoint)}: the end of a test nested in its class's transaction. */
        ROLLBACK_TO_SAVEPOINT
    }

    private static volatile Refusal armed;

    static {
        try {
            DriverManager.registerDriver(new RefusingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Returns the URL of a fresh in-memory H2 database behind this driver (registering it on first use). */
    static String h2Url(String name) {
        return PREFIX + "h2:mem:" + name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
    }

    /** The next call of this kind, on any connection of this driver, is refused; {@code null} refuses nothing. */
    static void refuse(Refusal refusal) {
        armed = refusal;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return (Connection) Proxy.newProxyInstance(RefusingDriver.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Refusing(real));
    }

    private static final class Refusing implements InvocationHandler {
        private final Connection real;
        private boolean refusedRollback;

        Refusing(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Refusal refusal = armed;
            String name = method.getName();
            if (refusal == Refusal.BEGIN && name.equals("setAutoCommit") && !((Boolean) args[0])) {
                armed = null;
                throw new SQLException("ERROR: the server refused to begin a transaction (dbtest's RefusingDriver)",
                        SQL_STATE);
            }
            boolean rollback = name.equals("rollback") && (args == null || args.length == 0);
            if (rollback && (refusal == Refusal.ROLLBACK || refusedRollback)) {
                armed = refusal == Refusal.ROLLBACK ? null : refusal;
                refusedRollback = true;
                throw new SQLException("ERROR: the server refused the rollback (dbtest's RefusingDriver)", SQL_STATE);
            }
            if (refusal == Refusal.ROLLBACK_TO_SAVEPOINT && name.equals("rollback") && args != null
                    && args.length == 1 && args[0] instanceof Savepoint) {
                armed = null;
                throw new SQLException("ERROR: the server refused to roll back to the savepoint (dbtest's "
                        + "RefusingDriver)", SQL_STATE);
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }
}
