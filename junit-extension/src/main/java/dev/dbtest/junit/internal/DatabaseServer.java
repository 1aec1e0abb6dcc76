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

    /**
     * Creates the database {@code name} on this server, replacing one of that name, with the schema {@code builder}
     * makes and the settings of the test's database {@code source}: where {@code dbtest.keep-on-failure} copies the
     * data of a failed test ({@link FailureCopy}).
     */
    ConnectionSpec failureCopy(ConnectionSpec source, String name, SchemaBuilder builder) throws SQLException;

    /** Removes what {@link #failureCopy} made, when the copy into it failed; quietly, at best effort. */
    void dropFailureCopy(String name);

    /** How to connect to {@code copy} from a shell, with any password masked: one or more lines of a message. */
    String howToConnect(ConnectionSpec copy);

    /** Why a copy made on this server would be gone after the run, or {@code null} when it lasts. */
    default String whyCopiesDoNotLast() {
        return null;
    }

    /** Says that a failed test's data was copied into this server: what dbtest started must outlive the run. */
    default void keepForInspection() {
    }

    /** Creates a schema in a new, empty database. */
    @FunctionalInterface
    interface SchemaBuilder {
        void build(ConnectionSpec database) throws SQLException;
    }

    @Override
    void close();
}
