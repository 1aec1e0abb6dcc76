package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Real servers that refuse what dbtest asks of them, through {@code dbtest.url}: the machine's MariaDB (a database
 * dbtest does not support) and the machine's PostgreSQL on 127.0.0.1:5432, with roles made for each test and dropped
 * after it. Outside CI an unreachable server skips a test; in CI ({@code CI=true}) it fails it.
 */
class ServerRefusalTests {

    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    @Test
    void aUrlOfADatabaseOtherThanPostgresOrH2IsRefusedWithItsNameAndTheFixAndNoPassword() throws SQLException {
        String user = "dbtest_other_" + suffix;
        String password = "maria-" + UUID.randomUUID();
        try (Connection root = localMariaDb(); Statement statement = root.createStatement()) {
            statement.execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT SELECT ON test.* TO '" + user + "'@'%'");
            statement.execute("GRANT SELECT ON test.* TO '" + user + "'@'localhost'");
            try {
                String url = "jdbc:mariadb://127.0.0.1:3306/test?password=" + password;
                EngineExecutionResults results = Kit.run(Map.of("dbtest.url", url, "dbtest.username", user,
                        "dbtest.password", password), DatabaseSelectionTests.SeenDatabaseTestCase.class);
                assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                        .isInstanceOf(DbTestException.class)
                        .hasMessageStartingWith("dbtest does not support the database 'MariaDB' (version ")
                        .hasMessageContaining(") that dbtest.url jdbc:mariadb://127.0.0.1:3306/test?password=*** (user "
                                + user + ") names: it runs tests on PostgreSQL and H2 only")
                        .hasMessageEndingWith("  Fix: point dbtest.url at a PostgreSQL database; or unset dbtest.url "
                                + "to let dbtest start PostgreSQL in Docker, or set dbtest.database=h2 for embedded H2.")
                        .hasMessageNotContaining(password)
                        .hasNoCause();
            } finally {
                statement.execute("DROP USER IF EXISTS '" + user + "'@'%'");
                statement.execute("DROP USER IF EXISTS '" + user + "'@'localhost'");
            }
        }
    }

    @Test
    void aServerThatRefusesCreateDatabaseForAnotherReasonIsNamedWithItsAnswerAndTheFix() throws SQLException {
        // A real refusal that is not a missing privilege: the role may create databases, but its transactions are
        // read-only by default, and PostgreSQL refuses CREATE DATABASE in a read-only transaction.
        String role = "dbtest_read_only_" + suffix;
        try (Connection admin = localPostgres(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN CREATEDB");
            statement.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            try {
                EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres", "dbtest.username", role,
                        "dbtest.password", "unused-" + suffix), DatabaseSelectionTests.SeenDatabaseTestCase.class);
                assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                        .isInstanceOf(DbTestException.class)
                        .hasMessageStartingWith("dbtest could not create the database dbtest_")
                        .hasMessageContaining(" on PostgreSQL at jdbc:postgresql://127.0.0.1:5432/postgres (user " + role
                                + "): ERROR: cannot execute CREATE DATABASE in a read-only transaction\n")
                        .hasMessageEndingWith("  Fix: make the server accept CREATE DATABASE from its user (the cause "
                                + "above says why it refused), or point dbtest.url at another server.")
                        .hasMessageNotContaining("unused-" + suffix);
            } finally {
                dropDatabasesAndRole(statement, role);
            }
        }
    }

    @Test
    void aServerAtItsConnectionLimitFailsTheTestThatWaitedWithThePoolFiguresAndTheServersAnswer() throws SQLException {
        // The role may hold two connections: the run's own (which holds its advisory lock), and one for the pool; the
        // first test holds that one, the second test's pool waits for another.
        String role = "dbtest_one_connection_" + suffix;
        try (Connection admin = localPostgres(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + role + " LOGIN CREATEDB CONNECTION LIMIT 2");
            try {
                ConnectionLimitTestCase.reset();
                long start = System.nanoTime();
                EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "url",
                        "dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres", "dbtest.username", role,
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"),
                        ConnectionLimitTestCase.class);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                        .isInstanceOf(DbTestException.class)
                        .hasMessageMatching("(?s)dbtest could not take a connection to dbtest_[0-9a-f]{16}_run_[0-9a-f]{8} for "
                                + "ConnectionLimitTestCase\\.[ab]\\(\\): .*Connection is not available, request timed "
                                + "out after \\d+ms.* \\(pool: 1 in use, 0 idle, \\d waiting\\); the server's last answer "
                                + "to a new connection: FATAL: too many connections for role \"" + role + "\"\\.\n"
                                + "  The pool waits 5 s for a connection; .*")
                        .hasMessageEndingWith("  Fix: raise the server's connection limit (max_connections, or the "
                                + "user's CONNECTION LIMIT), or lower JUnit's parallelism "
                                + "(junit.jupiter.execution.parallel.config.*).");
                results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
                assertThat(millis).as("the pool's 5 s wait and little more").isLessThan(20_000);
            } finally {
                dropDatabasesAndRole(statement, role);
            }
        }
    }

    /** Drops the databases {@code role} owns (made by dbtest for it), then the role. */
    private static void dropDatabasesAndRole(Statement statement, String role) throws SQLException {
        List<String> owned = new ArrayList<>();
        try (PreparedStatement query = statement.getConnection().prepareStatement(
                "SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = ?)")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    owned.add(rows.getString(1));
                }
            }
        }
        for (String database : owned) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
        statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        statement.execute("DROP ROLE IF EXISTS " + role);
    }

    static Connection localPostgres() {
        return reachable("the machine's PostgreSQL on 127.0.0.1:5432",
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""));
    }

    private static Connection localMariaDb() {
        return reachable("the machine's MariaDB on 127.0.0.1:3306",
                () -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", ""));
    }

    private interface Connect {
        Connection connect() throws SQLException;
    }

    private static Connection reachable(String server, Connect connect) {
        try {
            return connect.connect();
        } catch (SQLException e) {
            assumeThat(System.getenv("CI")).as(server + " is unreachable (" + e + "); the machine starts it before "
                    + "the session and CI").isNotEqualTo("true");
            throw new AssertionError("unreachable: " + e, e);
        }
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    /**
     * Two tests at once: the one that gets the role's only connection waits until the other has failed (its
     * after-each callback runs after its failed before-each callback), so that the other's wait cannot succeed.
     */
    @DatabaseTest
    static class ConnectionLimitTestCase {

        static CountDownLatch finished;

        static void reset() {
            finished = new CountDownLatch(1);
        }

        @Test
        void a(DataSource dataSource) throws Exception {
            holdUntilTheOtherEnds(dataSource);
        }

        @Test
        void b(DataSource dataSource) throws Exception {
            holdUntilTheOtherEnds(dataSource);
        }

        private static void holdUntilTheOtherEnds(DataSource dataSource) throws Exception {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            assertThat(finished.await(30, TimeUnit.SECONDS)).as("the other test ended").isTrue();
        }

        // An extension's callback: it runs after a test whose @BeforeEach callbacks failed, as @AfterEach methods do not.
        @RegisterExtension
        static final AfterEachCallback ENDED = context -> finished.countDown();
    }
}
