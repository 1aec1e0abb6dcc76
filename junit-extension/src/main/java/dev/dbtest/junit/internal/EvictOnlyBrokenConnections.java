package dev.dbtest.junit.internal;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells HikariCP to throw a connection away only when it is broken (SQL state class 08, or the server shutting down),
 * not for the other states it treats as fatal (such as {@code 0A000}, "feature not supported"): a test's code may
 * cause and catch those, and its connection, which holds the test's transaction, must go on working.
 */
public final class EvictOnlyBrokenConnections implements SQLExceptionOverride {

    /** Whether {@code e}, or an exception it was caused by, says that the connection broke or the server is going away. */
    static boolean isBroken(Throwable e) {
        for (Throwable current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return isBroken(e) ? Override.CONTINUE_EVICT : Override.DO_NOT_EVICT;
    }
}
