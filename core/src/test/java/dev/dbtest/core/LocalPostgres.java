package dev.dbtest.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A throwaway database on the machine's PostgreSQL (127.0.0.1:5432, trust authentication), for core's tests, which
 * use no dbtest extension. Skipped when the server is down, except in CI ({@code CI=true}), where it must be up.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private final Connection admin;
    private final String database;

    private LocalPostgres(Connection admin, String database) {
        this.admin = admin;
        this.database = database;
    }

    /** Creates a database named {@code prefix_<random>}, dropped by {@link #close()}. */
    public static LocalPostgres create(String prefix) throws SQLException {
        Connection admin;
        try {
            admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        } catch (SQLException e) {
            assumeThat(System.getenv("CI")).as("the machine's PostgreSQL is unreachable: " + e).isNotEqualTo("true");
            throw e;
        }
        String database = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return new LocalPostgres(admin, database);
    }

    public String url() {
        return SERVER + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    @Override
    public void close() throws SQLException {
        try (admin; Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
