package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An existing database named by {@code dbtest.url}. dbtest uses it as it is: the schema is created in it once per run,
 * and nothing a test writes is committed.
 */
final class UrlServer implements DatabaseServer {

    private final ConnectionSpec spec;
    private final Dialect dialect;

    UrlServer(ConnectionSpec spec) {
        this.spec = spec;
        try (Connection connection = DriverManager.getConnection(spec.url(), spec.username(), spec.password())) {
            this.dialect = Dialect.fromProductName(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw Messages.unreachableUrl(spec, e);
        }
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public String description() {
        return dialect.displayName() + " at " + spec;
    }

    @Override
    public ConnectionSpec createDatabase(String name) {
        return spec;
    }

    @Override
    public void close() {
        // dbtest did not start this server, so it leaves it running
    }
}
