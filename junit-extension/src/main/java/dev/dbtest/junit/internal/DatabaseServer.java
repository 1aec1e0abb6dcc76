package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;

import java.sql.SQLException;

/**
 * Where the run's databases live: a PostgreSQL container, an existing server named by URL, or embedded H2.
 * Started once per run; {@link #close()} stops what dbtest started.
 */
interface DatabaseServer extends AutoCloseable {

    Dialect dialect();

    /** A short description for logs and messages, without passwords. */
    String description();

    /**
     * Returns the database named {@code name} for one schema, made with {@code builder} unless the server already holds
     * it complete (an existing server keeps schema databases between runs: the name is a hash of the schema).
     */
    ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException;

    /** Creates a schema in a new, empty database. */
    @FunctionalInterface
    interface SchemaBuilder {
        void build(ConnectionSpec database) throws SQLException;
    }

    @Override
    void close();
}
