package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;

/**
 * Where the run's databases live: a PostgreSQL container, an existing server named by URL, or embedded H2.
 * Started once per run; {@link #close()} stops what dbtest started.
 */
interface DatabaseServer extends AutoCloseable {

    Dialect dialect();

    /** A short description for logs and messages, without passwords. */
    String description();

    /**
     * Returns a new, empty database for one schema, or the configured database itself when the server cannot make
     * new ones (the {@code url} provider).
     */
    ConnectionSpec createDatabase(String name) throws Exception;

    @Override
    void close();
}
