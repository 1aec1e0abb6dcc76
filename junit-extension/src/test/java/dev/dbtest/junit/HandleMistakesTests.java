package dev.dbtest.junit;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static dev.dbtest.junit.Rows.insertItem;
import static dev.dbtest.junit.Rows.itemNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mistakes of docs/errors.md, "The per-test transaction", that no other test asserted: misused handles,
 * statements, result sets and DataSources, a DataSource kept past its test or class, two tests on one pinned
 * connection, and a commit after a failed statement on PostgreSQL. Each fails with its documented message.
 */
class HandleMistakesTests {

    private static final Map<String, String> H2 = Map.of("dbtest.database", "h2");

    private static final Map<String, String> H2_IN_PARALLEL = Map.of(
            "dbtest.database", "h2",
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

    @ParameterizedTest
    @EnumSource(value = TestedDatabase.class, names = "POSTGRES")
    void onPostgresACommitAfterAFailedStatementRollsBackToTheLastCommitAndSaysSo(TestedDatabase database) {
        CommitAfterFailureTestCase.commitFailure = null;
        Kit.assertAllPassed(Kit.run(database, CommitAfterFailureTestCase.class), 1);
        assertThat((Throwable) CommitAfterFailureTestCase.commitFailure) // an SQLException is also an Iterable
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("The transaction could not be committed and was rolled back to the last commit: "
                        + "ERROR: current transaction is aborted, commands ignored until end of transaction block");
    }

    @Test
    void aTestsDataSourceKeptInAStaticGivesNoConnectionAfterTheTest() {
        EngineExecutionResults results = Kit.run(H2, KeptTestDataSourceTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(DbTestException.class)
                .hasMessage("No connection can be taken for KeptTestDataSourceTestCase.a_keepsItsDataSource(): its "
                        + "transaction has ended. Connections handed out by dbtest are valid only while the test (or "
                        + "class) that took them runs.");
    }

    @Test
    void aStatementUsedAfterCloseIsRefusedAsClosed() {
        EngineExecutionResults results = Kit.run(H2, ClosedStatementTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("This statement has been closed.");
    }

    @Test
    void unwrappingAStatementToTheDriversStatementClassIsRefusedWithTheReason() {
        EngineExecutionResults results = Kit.run(H2, StatementUnwrapTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("dbtest does not unwrap its statements to org.h2.jdbc.JdbcStatement: the driver's "
                        + "statement would run outside the lock and the checks of the test transaction.");
    }

    @Test
    void unwrappingAResultSetToTheDriversResultSetClassIsRefusedWithTheReason() {
        EngineExecutionResults results = Kit.run(H2, ResultSetUnwrapTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("dbtest does not unwrap its result sets to org.h2.jdbc.JdbcResultSet: the driver's "
                        + "result set leads to the physical connection of the test transaction.");
    }

    @Test
    void unwrappingTheDataSourceToThePoolIsRefusedWithTheReason() {
        EngineExecutionResults results = Kit.run(H2, DataSourceUnwrapTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("dbtest's DataSource does not wrap a com.zaxxer.hikari.HikariDataSource: the pool "
                        + "behind it is dbtest's own, so that no connection escapes the test transaction");
    }

    @Test
    void theDataSourceSaysItDoesNotLogThroughJavaUtilLogging() {
        EngineExecutionResults results = Kit.run(H2, ParentLoggerTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLFeatureNotSupportedException.class)
                .hasMessage("dbtest's DataSource does not log through java.util.logging");
    }

    @Test
    void isValidWithANegativeTimeoutIsRefusedWithTheTimeout() {
        EngineExecutionResults results = Kit.run(H2, NegativeIsValidTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(SQLException.class)
                .hasMessage("isValid: timeout must be 0 or more, was -1");
    }

    @Test
    void aClassDataSourceKeptInAStaticIsRefusedAfterItsClassFinished() {
        EngineExecutionResults results = Kit.run(H2, KeepsClassDataSourceTestCase.class,
                UsesKeptClassDataSourceTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(DbTestException.class)
                .hasMessage("The DataSource injected into a @BeforeAll method or constructor of "
                        + KeepsClassDataSourceTestCase.class.getName() + " was used after the class finished. It "
                        + "hands out connections only while the class runs; keep it in a field of that class, not in a "
                        + "static shared with other classes.");
    }

    @Test
    void twoTestsAtOnceOnAConnectionPinnedByBeforeAllWritesAreRefusedWithTheReason() {
        PinnedConnectionTestCase.firstRunning = new CountDownLatch(1);
        PinnedConnectionTestCase.secondTried = new CountDownLatch(1);
        EngineExecutionResults results = Kit.run(H2_IN_PARALLEL, PinnedConnectionTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isExactlyInstanceOf(DbTestException.class)
                .hasMessage("Second.cannotStartBesideTheFirst() cannot start while "
                        + "First.holdsThePinnedConnection() runs: both would run on the connection pinned for "
                        + PinnedConnectionTestCase.class.getName() + " (its @BeforeAll wrote rows), and a pinned "
                        + "connection runs one test at a time.\n"
                        + "  Fix: run the class on one thread (@Execution(ExecutionMode.SAME_THREAD) on the class), "
                        + "or create the rows in @BeforeEach.");
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class CommitAfterFailureTestCase {

        static SQLException commitFailure;

        @Test
        void commitsAfterAFailedStatement(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "committed");
            connection.commit();
            insertItem(connection, 2, "undone");
            assertThatThrownBy(() -> insertItem(connection, 2, "the same id again")).isInstanceOf(SQLException.class);
            try {
                connection.commit();
            } catch (SQLException e) {
                commitFailure = e;
            }
            assertThat(itemNames(connection)).as("rolled back to the last commit").containsExactly("committed");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class KeptTestDataSourceTestCase {

        static DataSource kept;

        @Test
        void a_keepsItsDataSource(DataSource dataSource) {
            kept = dataSource;
        }

        @Test
        void b_usesTheKeptDataSource() throws SQLException {
            kept.getConnection().close();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ClosedStatementTestCase {

        @Test
        void runsAClosedStatement(Connection connection) throws SQLException {
            Statement statement = connection.createStatement();
            statement.close();
            statement.executeQuery("SELECT 1");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class StatementUnwrapTestCase {

        @Test
        void unwrapsTheStatement(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(org.h2.jdbc.JdbcStatement.class);
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ResultSetUnwrapTestCase {

        @Test
        void unwrapsTheResultSet(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1")) {
                rows.unwrap(org.h2.jdbc.JdbcResultSet.class);
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class DataSourceUnwrapTestCase {

        @Test
        void unwrapsTheDataSource(DataSource dataSource) throws SQLException {
            dataSource.unwrap(HikariDataSource.class);
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ParentLoggerTestCase {

        @Test
        void asksForTheParentLogger(DataSource dataSource) throws SQLException {
            dataSource.getParentLogger();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class NegativeIsValidTestCase {

        @Test
        void checksWithANegativeTimeout(Connection connection) throws SQLException {
            connection.isValid(-1);
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(1)
    static class KeepsClassDataSourceTestCase {

        static DataSource kept;

        @BeforeAll
        static void keep(DataSource dataSource) {
            kept = dataSource;
        }

        @Test
        void usesItWhileTheClassRuns() throws SQLException {
            insertItem(kept, 1, "while the class runs");
            assertThat(itemNames(kept)).containsExactly("while the class runs");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(2)
    static class UsesKeptClassDataSourceTestCase {

        @Test
        void usesTheDataSourceOfAFinishedClass() throws SQLException {
            KeepsClassDataSourceTestCase.kept.getConnection().close();
        }
    }

    /**
     * The class's @BeforeAll pins a connection; its two @Nested classes run at once, so the second's test would start
     * on that connection while the first's runs.
     */
    @DatabaseTest(scripts = "schema.sql")
    static class PinnedConnectionTestCase {

        static CountDownLatch firstRunning;
        static CountDownLatch secondTried;

        @BeforeAll
        static void pinForTheClass(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "for the class");
        }

        @Nested
        @Execution(ExecutionMode.CONCURRENT)
        class First {

            @Test
            void holdsThePinnedConnection(DataSource dataSource) throws Exception {
                insertItem(dataSource, 2, "from the first");
                firstRunning.countDown();
                assertThat(secondTried.await(20, TimeUnit.SECONDS)).as("the second test ran beside this one").isTrue();
            }
        }

        @Nested
        @Execution(ExecutionMode.CONCURRENT)
        @TestInstance(TestInstance.Lifecycle.PER_CLASS)
        class Second {

            @BeforeAll
            void waitForTheFirst() throws InterruptedException {
                assertThat(firstRunning.await(20, TimeUnit.SECONDS)).as("the first test started").isTrue();
            }

            @Test
            void cannotStartBesideTheFirst() {
            }

            @AfterAll
            void letTheFirstFinish() {
                secondTried.countDown();
            }
        }
    }
}
