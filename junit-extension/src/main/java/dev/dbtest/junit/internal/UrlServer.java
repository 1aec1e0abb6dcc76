package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An existing server named by {@code dbtest.url}, which dbtest neither starts nor stops.
 *
 * <p>On PostgreSQL each schema gets a template database on that server for each user, kept between runs (its name is a
 * hash of the schema and the user, so a later run with the same schema finds it complete and skips building it), and each run, every Surefire
 * fork or CI job sharing the server, works in a clone of its own: see {@link RunDatabases}. On H2 the configured
 * database is used as it is.
 */
final class UrlServer implements DatabaseServer {

    private final ConnectionSpec spec;
    private final Dialect dialect;
    private final String user;
    private RunDatabases runs;

    UrlServer(ConnectionSpec spec) {
        this.spec = spec;
        String product;
        String version;
        try (Connection connection = connect(spec)) {
            product = connection.getMetaData().getDatabaseProductName();
            version = connection.getMetaData().getDatabaseProductVersion();
            user = connection.getMetaData().getUserName();
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
    public synchronized ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            builder.build(spec);
            return spec;
        }
        if (runs == null) {
            runs = new RunDatabases(spec);
        }
        return runs.database(templateOf(name, user), builder, description());
    }

    /**
     * The name of {@code user}'s template for the schema {@code name}: its tables belong to the user who built it, and
     * PostgreSQL lets no other user but a superuser copy it ("permission denied to copy database"), so the users who
     * share a server each get their own. The shape stays {@code dbtest_} and 16 hex digits, which {@link RunDatabases}
     * knows its clones by.
     */
    static String templateOf(String name, String user) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((name + "\0" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "dbtest_" + java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ConnectionSpec failureCopy(ConnectionSpec source, String name, SchemaBuilder builder) throws SQLException {
        return dialect == Dialect.POSTGRESQL ? FailureCopy.createOnPostgres(spec, name, builder)
                : FailureCopy.createOnH2(source, name, builder);
    }

    @Override
    public void dropFailureCopy(String name) {
        if (dialect == Dialect.POSTGRESQL) {
            FailureCopy.dropOnPostgres(spec, name);
        } else {
            FailureCopy.dropOnH2(name);
        }
    }

    @Override
    public String howToConnect(ConnectionSpec copy) {
        return dialect == Dialect.POSTGRESQL ? FailureCopy.psql(copy, spec.password() != null && !spec.password().isEmpty())
                : FailureCopy.h2Shell(copy);
    }

    private static Connection connect(ConnectionSpec spec) throws SQLException {
        return DriverManager.getConnection(spec.url(), spec.username(), spec.password());
    }

    @Override
    public synchronized void close() {
        // dbtest did not start this server, so it leaves it running; it drops the databases of this run
        if (runs != null) {
            runs.close();
        }
    }
}
