package dev.dbtest.junit.internal;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * An existing server named by {@code dbtest.url}, which dbtest neither starts nor stops.
 *
 * <p>On PostgreSQL each schema gets a database of its own on that server, kept between runs: its name is a hash of the
 * schema, so a later run with the same schema finds it complete and skips building it. A database is built under a
 * temporary name and renamed when complete, so a run that crashed half-way never leaves a database that looks ready.
 * On H2 the configured database is used as it is.
 */
final class UrlServer implements DatabaseServer {

    private final ConnectionSpec spec;
    private final Dialect dialect;

    UrlServer(ConnectionSpec spec) {
        this.spec = spec;
        String product;
        String version;
        try (Connection connection = connect(spec)) {
            product = connection.getMetaData().getDatabaseProductName();
            version = connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw Messages.unreachableUrl(spec, e);
        }
        if (!"PostgreSQL".equalsIgnoreCase(product) && !"H2".equalsIgnoreCase(product)) {
            throw Messages.unsupportedDatabase(spec, product, version);
        }
        this.dialect = Dialect.fromProductName(product);
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
    public ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            builder.build(spec);
            return spec;
        }
        try (Connection admin = connect(spec); Statement statement = admin.createStatement()) {
            if (exists(admin, name)) {
                return spec.withPostgresDatabase(name);
            }
            String building = name + "_building_" + UUID.randomUUID().toString().substring(0, 8);
            try {
                statement.execute("CREATE DATABASE " + building);
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    throw new DbTestException("dbtest could not create a database for the schema on " + description()
                            + ": the user " + spec.username() + " may not create databases (" + e.getMessage() + ").\n"
                            + "  dbtest gives each schema its own database on a dbtest.url server, so that runs and "
                            + "schemas never collide.\n"
                            + "  Fix: ALTER ROLE " + spec.username() + " CREATEDB; or point dbtest.url at a server where "
                            + "the user may.", e);
                }
                throw e;
            }
            try {
                builder.build(spec.withPostgresDatabase(building));
                statement.execute("ALTER DATABASE " + building + " RENAME TO " + name);
            } catch (SQLException e) {
                statement.execute("DROP DATABASE IF EXISTS " + building + " WITH (FORCE)");
                if (exists(admin, name)) {
                    return spec.withPostgresDatabase(name); // another run built it at the same time
                }
                throw e;
            }
            return spec.withPostgresDatabase(name);
        }
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        return DriverManager.getConnection(spec.url(), spec.username(), spec.password());
    }

    @Override
    public void close() {
        // dbtest did not start this server, so it leaves it running
    }
}
