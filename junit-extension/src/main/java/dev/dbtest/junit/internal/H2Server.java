package dev.dbtest.junit.internal;

import dev.dbtest.core.Dialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Embedded in-memory H2 in PostgreSQL mode: one named in-memory database per schema, dropped when the run ends. */
final class H2Server implements DatabaseServer {

    // Unique per run: in-memory H2 databases are JVM-wide, and one JVM may hold several runs (EngineTestKit).
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<Connection> keepAlive = new ArrayList<>();

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }

    @Override
    public String description() {
        return "embedded H2 (in memory, PostgreSQL mode)";
    }

    @Override
    public synchronized ConnectionSpec database(String name, SchemaBuilder builder) throws SQLException {
        String url = "jdbc:h2:mem:" + name + "_" + runId
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=0";
        // One connection held open keeps the in-memory database alive until close(), without DB_CLOSE_DELAY=-1,
        // which would keep it for the life of the JVM.
        keepAlive.add(DriverManager.getConnection(url, "sa", ""));
        ConnectionSpec spec = new ConnectionSpec(url, "sa", "");
        builder.build(spec);
        return spec;
    }

    @Override
    public ConnectionSpec failureCopy(ConnectionSpec source, String name, SchemaBuilder builder) throws SQLException {
        return FailureCopy.createOnH2(source, name, builder);
    }

    @Override
    public void dropFailureCopy(String name) {
        FailureCopy.dropOnH2(name);
    }

    @Override
    public String howToConnect(ConnectionSpec copy) {
        return FailureCopy.h2Shell(copy);
    }

    @Override
    public synchronized void close() {
        for (Connection connection : keepAlive) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // the database is going away either way
            }
        }
        keepAlive.clear();
    }
}
