package dev.dbtest.junit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.StatementSavepoints;

import java.sql.Connection;
import java.sql.SQLException;

/** The database made for one schema key, with its pool. Built once per run, shared by every class with that key. */
public final class SchemaDatabase implements AutoCloseable {

    private final String name;
    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final HikariDataSource pool;

    SchemaDatabase(String name, ConnectionSpec spec, Dialect dialect, int poolSize) {
        this.name = name;
        this.spec = spec;
        this.dialect = dialect;
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbtest-" + name);
        config.setJdbcUrl(spec.url());
        config.setUsername(spec.username());
        config.setPassword(spec.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        if (dialect == Dialect.POSTGRESQL) {
            // The driver's per-statement savepoints (PgjdbcAutosave) are released after each statement, not piled up.
            config.addDataSourceProperty("cleanupSavepoints", "true");
        }
        this.pool = new HikariDataSource(config);
    }

    /** Returns the name of the database (PostgreSQL) or in-memory database (H2) that holds this schema. */
    public String name() {
        return name;
    }

    public ConnectionSpec spec() {
        return spec;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Returns the pool: physical connections for pinning, never handed to the code under test. */
    public HikariDataSource pool() {
        return pool;
    }

    /** Returns how a statement in auto-commit mode gets a savepoint of its own on {@code physical}. */
    StatementSavepoints statementSavepoints(Connection physical) throws SQLException {
        return dialect == Dialect.POSTGRESQL && physical.isWrapperFor(org.postgresql.core.BaseConnection.class)
                ? new PgjdbcAutosave(physical)
                : StatementSavepoints.explicit();
    }

    /** Takes a physical connection for a test or class; the message names who waited and the pool's state. */
    Connection borrow(String owner) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            var bean = pool.getHikariPoolMXBean();
            throw new dev.dbtest.core.DbTestException("dbtest could not take a connection to " + name + " for " + owner
                    + ": " + e.getMessage()
                    + (bean == null ? "" : " (pool: " + bean.getActiveConnections() + " in use, "
                    + bean.getIdleConnections() + " idle, " + bean.getThreadsAwaitingConnection() + " waiting)"), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
