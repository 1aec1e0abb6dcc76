package dev.dbtest.junit.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.StatementSavepoints;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** The database made for one schema key, with its pool. Built once per run, shared by every class with that key. */
public final class SchemaDatabase implements AutoCloseable {

    private final String name;
    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final HikariDataSource pool;
    private static final int PROBE_SECONDS = 2;
    private static final int POOL_TIMEOUT_MILLIS = 5_000;
    // Why the server was found gone, until a connection to it works again; null while it answers.
    private volatile String gone;
    private volatile SeedRows seeds;
    private volatile SeedRows.Counters counters;

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
        config.setConnectionTimeout(POOL_TIMEOUT_MILLIS); // the pool is sized so that no test waits; a server gone fails fast
        config.setExceptionOverrideClassName(EvictOnlyBrokenConnections.class.getName());
        if (dialect == Dialect.POSTGRESQL) {
            // The driver's per-statement savepoints are released by PgjdbcAutosave, many in one round trip, rather than
            // by the driver after each statement in a message of its own.
            config.addDataSourceProperty("cleanupSavepoints", "false");
        }
        this.pool = new HikariDataSource(config);
    }

    /** Reads where the database's identities and sequences stand: once, when the run gets it, before any test. */
    void readCounters() {
        try (Connection connection = pool.getConnection()) {
            counters = SeedRows.Counters.read(connection, dialect);
        } catch (SQLException e) {
            counters = new SeedRows.Counters(Map.of(), Secrets.scrub(e.getMessage(), spec));
        }
    }

    /**
     * Reads what the database holds ({@link SeedRows}), the first time a non-transactional test on it starts: nothing
     * has committed in it before, as every other test rolls back. The tests that start at the same time wait for it.
     */
    void takeSeedsOnce() {
        if (seeds != null) {
            return;
        }
        synchronized (this) {
            if (seeds == null) {
                try (Connection connection = pool.getConnection()) {
                    SeedRows.Counters read = counters;
                    seeds = SeedRows.take(connection, dialect, read != null ? read
                            : new SeedRows.Counters(Map.of(), "they were not read before the tests (an error of dbtest's)"));
                } catch (SQLException e) {
                    seeds = SeedRows.unreadable(Secrets.scrub(e.getMessage(), spec));
                }
            }
        }
    }

    /** What the database held before its first non-transactional test, to put back after each. */
    SeedRows seeds() {
        SeedRows taken = seeds;
        return taken != null ? taken : SeedRows.unreadable("they were never read (an error of dbtest's)");
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

    /**
     * Takes a physical connection for a test or class; the message names who waited and the pool's state. Once the
     * server has been found gone (a connection refused, or broken), later tests do not wait out the pool's timeout
     * each: a direct connection attempt of at most {@link #PROBE_SECONDS} seconds tells whether it is back.
     */
    Connection borrow(String owner) {
        return borrow(owner, -1);
    }

    /**
     * Takes a real connection for a non-transactional test that holds {@code held} of them already: when the pool has
     * none left, the message says that the test itself holds them.
     */
    Connection borrow(String owner, int held) {
        String goneBecause = gone;
        if (goneBecause != null && !reachable()) {
            throw Messages.databaseGone(name, spec, owner, goneBecause);
        }
        try {
            Connection connection = pool.getConnection();
            gone = null;
            return connection;
        } catch (SQLException e) {
            if (e.getCause() instanceof SQLException cause && EvictOnlyBrokenConnections.isBroken(cause)) {
                gone = Secrets.scrub(cause.getMessage(), spec);
                throw Messages.databaseGone(name, spec, owner, gone);
            }
            var bean = pool.getHikariPoolMXBean();
            // HikariCP's message says only that the wait timed out; why no new connection could be made (a server at
            // its connection limit) is in its cause.
            String refusal = e.getCause() instanceof SQLException cause && cause.getMessage() != null
                    ? "; the server's last answer to a new connection: " + Secrets.scrub(cause.getMessage(), spec) : "";
            throw new dev.dbtest.core.DbTestException("dbtest could not take a connection to " + name + " for " + owner
                    + ": " + Secrets.scrub(e.getMessage(), spec)
                    + (bean == null ? "" : " (pool: " + bean.getActiveConnections() + " in use, "
                    + bean.getIdleConnections() + " idle, " + bean.getThreadsAwaitingConnection() + " waiting)")
                    + refusal + ".\n"
                    + (held > 0 ? "  " + owner + " is non-transactional: each getConnection() takes a real connection "
                    + "from the pool until it is closed, and it holds " + held + " of the pool's "
                    + pool.getMaximumPoolSize() + " already (running tests hold one each, a fixtures connection one); the pool waits "
                    + POOL_TIMEOUT_MILLIS / 1000 + " s.\n"
                    + "  Fix: close the connections the test no longer needs (try-with-resources), or take fewer at "
                    + "once; if other tests run at the same time, lower JUnit's parallelism." : "")
                    + (held > 0 ? "" : "  The pool waits " + POOL_TIMEOUT_MILLIS / 1000 + " s for a connection; every "
                    + "running test holds one, so the server must accept as many connections as tests run at once.\n"
                    + "  Fix: raise the server's connection limit (max_connections, or the user's CONNECTION LIMIT), "
                    + "or lower JUnit's parallelism (junit.jupiter.execution.parallel.config.*)."),
                    Secrets.scrub(e, spec));
        }
    }

    /**
     * Ends a connection whose transaction could not be rolled back: taken out of the pool and closed, so that no later
     * test gets it, still in that transaction.
     */
    void discard(Connection connection) throws SQLException {
        pool.evictConnection(connection);
        connection.close();
    }

    private boolean reachable() {
        if (dialect != Dialect.POSTGRESQL) {
            return true; // in memory: there as long as this JVM is
        }
        java.util.Properties properties = new java.util.Properties();
        if (spec.username() != null) {
            properties.setProperty("user", spec.username());
        }
        if (spec.password() != null) {
            properties.setProperty("password", spec.password());
        }
        properties.setProperty("connectTimeout", String.valueOf(PROBE_SECONDS));
        properties.setProperty("loginTimeout", String.valueOf(PROBE_SECONDS));
        try (Connection probe = java.sql.DriverManager.getConnection(spec.url(), properties)) {
            return true;
        } catch (SQLException e) {
            // Only a connection that cannot be made means gone: a server that answers "too many connections" or
            // "starting up" is there, and the pool's own wait and message fit it better.
            return !EvictOnlyBrokenConnections.isBroken(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
