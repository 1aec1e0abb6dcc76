package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.core.Dialect;
import dev.dbtest.core.internal.PinnedConnection;
import dev.dbtest.core.internal.StatementLog;
import dev.dbtest.core.internal.StatementSavepoints;
import dev.dbtest.core.internal.TransactionScope;
import dev.dbtest.junit.internal.PgjdbcAutosave;
import net.ttddyy.dsproxy.ConnectionInfo;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyConfig;
import dev.dbtest.junit.internal.ContainerAddress;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contenders of the statement-capture benchmarks, on one PostgreSQL container and one HikariCP pool: each a
 * connection on which {@link #select} runs one prepared primary-key SELECT. The contenders are layers over one and the
 * same pooled connection, so that they share its server process: between two connections the same SELECT differs by
 * up to a quarter here, which is more than the layers cost (the control {@code (raw, a second connection)} shows it).
 * <ul>
 *   <li>{@code raw}: the pooled connection in a transaction (auto-commit off), nothing in between;</li>
 *   <li>{@code dbtest}: dbtest's handle on that connection pinned, every statement captured (SQL, parameters, type,
 *       duration, thread, caller), the handle's auto-commit off like the raw one;</li>
 *   <li>{@code dbtest, auto-commit}: the same handle in (emulated) auto-commit mode, as a test's connection comes:
 *       each statement in a savepoint of its own (the driver's, as in a test), so a failed one does not abort the
 *       test's transaction;</li>
 *   <li>{@code datasource-proxy}: datasource-proxy around the connection, with a listener that keeps every
 *       statement.</li>
 * </ul>
 */
final class CaptureContenders implements AutoCloseable {

    private static final String SELECT = "SELECT id, name, email FROM users WHERE id = ?";

    private final PostgreSQLContainer postgres;
    private HikariDataSource pool;
    private TransactionScope scope;
    private StatementLog logWithoutCallers;
    private StatementLog log;
    private final List<String> proxyLog = new ArrayList<>();
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private HikariDataSource published; // the pool through Docker's published port, when the pool is not
    private TransactionScope publishedScope;
    private StatementLog logPublished;
    private long id;
    private final List<Connection> separate = new ArrayList<>(); // connections of their own, closed by close()

    /** PostgreSQL in a container, or (with {@code h2}) embedded H2, where no network hides the cost of capture. */
    CaptureContenders(boolean h2) throws SQLException {
        HikariConfig config = new HikariConfig();
        if (h2) {
            postgres = null;
            config.setJdbcUrl("jdbc:h2:mem:capture;MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        } else {
            String image = System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE", "postgres:16-alpine");
            postgres = Pinning.onePlace(new PostgreSQLContainer(DockerImageName.parse(image)
                    .asCompatibleSubstituteFor("postgres"))
                    .withCommand("postgres", "-c", "fsync=off"));
            postgres.start();
            // Where dbtest reaches a container it starts: its own address, when Docker's bridge is on this machine.
            config.setJdbcUrl(ContainerAddress.jdbcUrl(postgres.getJdbcUrl(), postgres.getContainerInfo(), 5432));
            config.setUsername(postgres.getUsername());
            config.setPassword(postgres.getPassword());
            config.addDataSourceProperty("cleanupSavepoints", "false"); // as dbtest's pool does
        }
        config.setMaximumPoolSize(4); // the shared connection and the second one, with room to spare
        try {
            pool = new HikariDataSource(config);
            connect(h2);
        } catch (SQLException | RuntimeException e) {
            if (postgres != null) {
                postgres.stop(); // a failed start leaves no container behind
            }
            throw e;
        }
    }

    private void connect(boolean h2) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users (id BIGINT PRIMARY KEY, name VARCHAR(100), email VARCHAR(100))");
            String rows = h2 ? "SYSTEM_RANGE(1, 1000)" : "generate_series(1, 1000) AS s(x)"; // column x
            statement.execute("INSERT INTO users SELECT x, 'name-' || x, 'user-' || x || '@example.com' FROM " + rows);
        }
        // Every contender but the control ones below runs on this one connection, so on one server process: two
        // connections' round trips differ by up to a quarter here (two processes on two cores), more than what is measured.
        Connection physical = pool.getConnection();
        scope = h2 ? PinnedConnection.pin(physical, Dialect.H2, "CaptureBenchmark", StatementSavepoints.explicit())
                : PinnedConnection.pin(physical, Dialect.POSTGRESQL, "CaptureBenchmark", new PgjdbcAutosave(physical));
        log = new StatementLog(Thread.currentThread());
        logWithoutCallers = new StatementLog(Thread.currentThread(), false); // dbtest.queries.callers=false
        scope.captureInto(log);
        Connection handle = scope.newHandle();
        handle.setAutoCommit(false);
        Connection autoCommitHandle = scope.newHandle();
        Connection noCallersHandle = scope.newHandle();
        noCallersHandle.setAutoCommit(false);
        Connection uncapturedHandle = scope.newHandle();
        uncapturedHandle.setAutoCommit(false);
        QueryExecutionListener keepAll = new QueryExecutionListener() {
            @Override
            public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
            }

            @Override
            public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
                for (QueryInfo query : queryInfoList) {
                    proxyLog.add(query.getQuery());
                }
            }
        };
        // The raw contender is the pinned connection itself, in the transaction dbtest began on it (auto-commit off).
        connections.put("raw", physical);
        connections.put("dbtest", handle);
        connections.put("dbtest, auto-commit", autoCommitHandle);
        connections.put("dbtest, callers off", noCallersHandle);
        ProxyConfig proxyConfig = ProxyConfig.Builder.create().queryListener(keepAll).build();
        connections.put("datasource-proxy", proxyConfig.getJdbcProxyFactory().createConnection(physical,
                new ConnectionInfo(), proxyConfig)); // as its DataSource wraps each connection it hands out
        // Not a contender: dbtest's handle with capture off, to tell the handle's cost from capture's.
        connections.put("(dbtest, capture off)", uncapturedHandle);
        // Not a contender: a second connection, raw, to show how much two connections (two server processes) differ.
        Connection raw2 = pool.getConnection();
        raw2.setAutoCommit(false);
        connections.put("(raw, a second connection)", raw2);
        separate.add(raw2);
        if (!h2 && !pool.getJdbcUrl().equals(postgres.getJdbcUrl())) {
            // Not contenders: the same through Docker's port proxy, as a connection to the published port goes.
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl());
            config.setUsername(postgres.getUsername());
            config.setPassword(postgres.getPassword());
            config.addDataSourceProperty("cleanupSavepoints", "false");
            config.setMaximumPoolSize(2);
            published = new HikariDataSource(config);
            Connection physical4 = published.getConnection(); // one connection for both, as above
            publishedScope = PinnedConnection.pin(physical4, Dialect.POSTGRESQL, "published port",
                    new PgjdbcAutosave(physical4));
            connections.put("(raw, published port)", physical4);
            logPublished = new StatementLog(Thread.currentThread());
            publishedScope.captureInto(logPublished);
            connections.put("(dbtest, auto-commit, published port)", publishedScope.newHandle());
        }
    }

    /** The contenders' names, in the order the reports list them. */
    List<String> names() {
        return new ArrayList<>(connections.keySet());
    }

    /**
     * The contender's connection, ready for its turn: the contenders that share dbtest's scope differ in what it
     * captures into (everything; everything but the caller; nothing).
     */
    Connection use(String name) {
        scope.captureInto(switch (name) {
            case "dbtest, callers off" -> logWithoutCallers;
            case "(dbtest, capture off)" -> null;
            default -> log;
        });
        return connections.get(name);
    }

    /** Forgets what was captured, so that logs do not grow without end. */
    void clearLogs() {
        log.clear();
        logWithoutCallers.clear();
        proxyLog.clear();
        if (logPublished != null) {
            logPublished.clear();
        }
    }

    /** One prepared primary-key SELECT: prepare, bind, execute, read the row, close. */
    String select(Connection connection) throws SQLException {
        id = id % 1000 + 1;
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(2);
            }
        }
    }

    /**
     * Closes every connection, both pools and the container, each even when closing the one before failed. The
     * datasource-proxy connection is left alone: closing it would close the shared connection under the scope.
     */
    @Override
    public void close() throws SQLException {
        try {
            for (Connection connection : separate) {
                try (connection) {
                    connection.rollback();
                }
            }
        } finally {
            try {
                scope.close(); // rolls back and returns the shared connection to the pool
            } finally {
                try {
                    if (publishedScope != null) {
                        try {
                            publishedScope.close();
                        } finally {
                            published.close();
                        }
                    }
                } finally {
                    try {
                        pool.close();
                    } finally {
                        if (postgres != null) {
                            postgres.stop();
                        }
                    }
                }
            }
        }
    }
}
