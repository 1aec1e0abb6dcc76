package dev.dbtest.benchmarks;

import dev.dbtest.junit.internal.ContainerAddress;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL server the benchmarks share: one container (the image in {@code DBTEST_POSTGRES_IMAGE}, default
 * {@code postgres:16-alpine}) with {@code fsync} and {@code synchronous_commit} off, as test databases are usually
 * run. Every contender of a comparison uses this one server.
 *
 * <p>Autovacuum is off, and the benchmarks call {@link #vacuum()} between rounds instead: a rolled-back insert leaves
 * a dead row that every later scan of its table reads until a vacuum removes it, so an autovacuum that happened to
 * visit one contender's tables and not another's would decide their comparison.
 */
final class BenchServer implements AutoCloseable {

    private final PostgreSQLContainer container;
    final String image;
    private final String url;

    BenchServer() {
        image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
        container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "autovacuum=off");
        container.start();
        // Where dbtest would reach a container it started: its own address on Docker's bridge, when that is here.
        url = ContainerAddress.jdbcUrl(container.getJdbcUrl(), container.getContainerInfo(), 5432);
    }

    /**
     * The JDBC URL of the container's own database, which every contender and the admin statements use: at the
     * container's own address when dbtest would use it (see {@link ContainerAddress}), else at the published port.
     */
    String url() {
        return url;
    }

    /** Whether {@link #url()} is the container's own address rather than the port Docker published. */
    boolean direct() {
        return !url.equals(container.getJdbcUrl());
    }

    /** The JDBC URL through the port Docker published (its port proxy), as plain Testcontainers code connects. */
    String publishedUrl() {
        return container.getJdbcUrl();
    }

    /** The JDBC URL of another database on the server. */
    String url(String database) {
        return url().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
    }

    String username() {
        return container.getUsername();
    }

    String password() {
        return container.getPassword();
    }

    String version() throws SQLException {
        try (Connection connection = connect(url()); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return "PostgreSQL " + row.getString(1);
        }
    }

    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, username(), password());
    }

    /** Creates {@code database} and runs the classpath script {@code script} in it. */
    void createDatabase(String database, String script) throws SQLException {
        try (Connection admin = connect(url()); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try (Connection connection = connect(url(database)); Statement statement = connection.createStatement()) {
            statement.execute(resource(script));
        }
    }

    /** {@code VACUUM} of every database on the server: the dead rows of the rounds before are gone. */
    void vacuum() {
        try {
            List<String> databases = new ArrayList<>();
            try (Connection admin = connect(url()); Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate")) {
                while (rows.next()) {
                    databases.add(rows.getString(1));
                }
            }
            for (String database : databases) {
                try (Connection connection = connect(url(database)); Statement statement = connection.createStatement()) {
                    statement.execute("VACUUM");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not vacuum the benchmark server", e);
        }
    }

    static String resource(String name) {
        try (InputStream in = BenchServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
