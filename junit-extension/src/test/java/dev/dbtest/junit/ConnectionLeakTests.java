package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections the code under test takes and never closes (the seed's "not closing sessions") are reported after the
 * test, with where each was taken (from the run's first report on, or always with {@code dbtest.leaks.sites=always}):
 * a warning by default, a failure with {@code dbtest.leaks=fail}.
 */
class ConnectionLeakTests {

    private static final String HEAD = "LeakyTestCase.leavesTwoOpen() left 2 connections open: "
            + "taken from the DataSource and never closed. dbtest closed them after the test, but outside a test each "
            + "would hold a connection of the pool until the pool runs dry.\n"
            + "  Fix: close every connection you take, with try-with-resources: "
            + "try (Connection connection = dataSource.getConnection()) { ... }\n";

    private static final String HINT = "  Where a connection is taken is recorded from this report on (a stack walk "
            + "per getConnection()): the next report of the run names the stack. To have it in the first one, run "
            + "again with dbtest.leaks.sites=always.\n";

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void theRunsFirstReportNamesEachConnectionsThreadAndFirstStatementAndTheNextOnesTheStack(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, LeakyTestCase.class, LeakyAgainTestCase.class);

        Kit.assertAllPassed(results, 3);
        List<String> reports = leakReports(results);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0))
                .startsWith(HEAD + "  1. taken on thread " + Thread.currentThread().getName()
                        + "; where it was taken was not recorded\n      its first statement ran at Rows.insertItem(Rows.java:")
                .contains("\n  2. taken on thread leaky-worker; where it was taken was not recorded\n"
                        + "      its first statement ran at Rows.insertItem(Rows.java:")
                .endsWith(HINT + "  (Set dbtest.leaks=fail to fail such tests, or off to stop looking.)")
                .doesNotContain("\n      at ");
        assertThat(reports.get(1))
                .startsWith("LeakyAgainTestCase.leavesOneOpen() left 1 connection open")
                .contains("\n  1. taken on thread " + Thread.currentThread().getName() + "\n      at "
                        + "dev.dbtest.junit.ConnectionLeakTests$LeakyAgainTestCase.leavesOneOpen(ConnectionLeakTests.java:")
                .doesNotContain("not recorded")
                .doesNotContain(HINT);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void withLeakSitesAlwaysTheFirstReportNamesWhereEachWasTaken(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("dbtest.leaks.sites", "always"),
                LeakyTestCase.class);

        Kit.assertAllPassed(results, 2);
        assertThat(leakReports(results)).singleElement().satisfies(report -> assertThat(report)
                .startsWith(HEAD + "  1. taken on thread ")
                .contains("\n      at dev.dbtest.junit.ConnectionLeakTests$LeakyTestCase.forget(ConnectionLeakTests.java:")
                .contains("\n      at dev.dbtest.junit.ConnectionLeakTests$LeakyTestCase.leavesTwoOpen(ConnectionLeakTests.java:")
                .contains("\n  2. taken on thread leaky-worker\n      at dev.dbtest.junit.ConnectionLeakTests$LeakyTestCase")
                .endsWith("  (Set dbtest.leaks=fail to fail such tests, or off to stop looking.)")
                .doesNotContain("not recorded")
                .doesNotContain("closesWhatItTakes")
                .doesNotContain("org.junit.")
                .doesNotContain("reflect.")); // reflection's frames between the test method and JUnit are skipped
    }

    @Test
    void anUnknownLeakSitesValueNamesTheValues() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.leaks.sites", "sometimes"),
                LeakyTestCase.class);

        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest.leaks.sites has the value 'sometimes', which dbtest does not know. Use "
                        + "after-first-leak (the default: the run's first report of connections left open names each "
                        + "one's thread and first statement; from then on every getConnection() records its stack) or "
                        + "always (record the stack from the first test, at the cost of a stack walk per "
                        + "getConnection()).");
    }

    @Test
    void withCallersOffTheFirstReportSaysTheFirstStatementsCallerIsUnknownAndWalksNoStack() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.queries.callers", "false"),
                LeakyTestCase.class);

        assertThat(leakReports(results)).singleElement().satisfies(report -> assertThat(report)
                .contains("; where it was taken was not recorded\n"
                        + "      its first statement ran at unknown (dbtest.queries.callers=false)\n")
                .doesNotContain("Rows.insertItem"));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aConnectionTakenBeforeTheRunsFirstLeakAndReportedAfterItSaysWhyItsSiteIsMissing(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, ClassAndTestLeakyTestCase.class);

        Kit.assertAllPassed(results, 1);
        List<String> reports = leakReports(results);
        assertThat(reports).hasSize(2);
        assertThat(reports.get(0)).startsWith("ClassAndTestLeakyTestCase.leavesOneOpen() left 1 connection open")
                .contains(HINT);
        assertThat(reports.get(1)).startsWith("The @BeforeAll or @AfterAll methods (or constructor) of "
                        + ClassAndTestLeakyTestCase.class.getName() + " left 1 connection open")
                .contains("; where it was taken was not recorded\n      its first statement ran at Rows.insertItem(")
                .contains("  A connection whose site was not recorded was taken before the run's first report of a "
                        + "leak, when dbtest did not record where connections are taken yet. To have its stack, run "
                        + "again with dbtest.leaks.sites=always.\n")
                .doesNotContain(HINT);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void withLeaksFailTheTestFailsAndItsRowsAreRolledBackAllTheSame(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("dbtest.leaks", "fail"),
                LeakyTestCase.class, NothingSurvivedTestCase.class);

        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith(HEAD)
                .hasMessageEndingWith("  (dbtest.leaks=fail made this a failure; warn only logs it.)");
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(1));
        assertThat(leakReports(results)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aTestThatTakesFarMoreConnectionsThanThePoolHasNeverWaitsAndIsToldWhichItLeftOpen(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("dbtest.leaks", "fail"), HoarderTestCase.class);

        // Every getConnection() of a test is a handle on its one pinned connection: the pool (8 here) is never asked.
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("HoarderTestCase.takesAThousandConnections() left 1000 connections open")
                .hasMessageContaining("\n  10. taken on thread " + Thread.currentThread().getName()
                        + "; where it was taken was not recorded\n      no statement ran through it\n")
                .hasMessageContaining("\n  ... and 990 more, not shown\n")
                .hasMessageNotContaining("\n  11. ");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void connectionsBeforeAllLeftOpenAreReportedAfterTheClass(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("dbtest.leaks.sites", "always"),
                ClassLeakyTestCase.class);

        Kit.assertAllPassed(results, 1);
        assertThat(leakReports(results)).singleElement().satisfies(report -> assertThat(report)
                .startsWith("The @BeforeAll or @AfterAll methods (or constructor) of "
                        + ClassLeakyTestCase.class.getName() + " left 1 connection open: taken from the DataSource and "
                        + "never closed. dbtest closed it after the class, but outside a test each would hold a "
                        + "connection of the pool until the pool runs dry.\n"
                        + "  Fix: close every connection you take, with try-with-resources: ")
                .contains("\n  1. taken on thread ")
                .contains("\n      at dev.dbtest.junit.ConnectionLeakTests$ClassLeakyTestCase.keepsOne(ConnectionLeakTests.java:")
                .doesNotContain("closesTheOther"));
    }

    @Test
    void withLeaksFailConnectionsBeforeAllLeftOpenFailTheClass() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, Map.of("dbtest.leaks", "fail"),
                ClassLeakyTestCase.class);

        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("The @BeforeAll or @AfterAll methods (or constructor) of "
                        + ClassLeakyTestCase.class.getName() + " left 1 connection open")
                .hasMessageContaining("\n  1. taken on thread " + Thread.currentThread().getName()
                        + "; where it was taken was not recorded\n      its first statement ran at Rows.insertItem(Rows.java:")
                .hasMessageEndingWith("  (dbtest.leaks=fail made this a failure; warn only logs it.)");
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void withLeaksOffNothingIsReported() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.leaks", "off"),
                LeakyTestCase.class);

        Kit.assertAllPassed(results, 2);
        assertThat(leakReports(results)).isEmpty();
        EngineExecutionResults classResults = Kit.run(Map.of("dbtest.database", "h2", "dbtest.leaks", "off"),
                ClassLeakyTestCase.class);
        Kit.assertAllPassed(classResults, 1);
        assertThat(leakReports(classResults)).isEmpty();
    }

    @Test
    void anUnknownLeakModeNamesTheModes() {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.leaks", "sometimes"),
                LeakyTestCase.class);

        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("dbtest.leaks has the value 'sometimes', which dbtest does not know. Use warn (the default: "
                        + "log the connections a test left open, with where each was taken), fail (fail the test "
                        + "instead) or off (take no note of where connections are taken).");
    }

    private static List<String> leakReports(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("dbtest.leaks"))
                .filter(value -> value != null)
                .toList();
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    @Order(1)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LeakyTestCase {

        @Test
        void closesWhatItTakes(DataSource dataSource, Connection injected) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                Rows.insertItem(connection, 1, "closed");
            }
            assertThat(injected.isClosed()).as("an injected connection is dbtest's to close").isFalse();
        }

        @Test
        void leavesTwoOpen(DataSource dataSource) throws Exception {
            forget(dataSource);
            try {
                CompletableFuture.runAsync(() -> {
                    try {
                        Rows.insertItem(dataSource.getConnection(), 2, "left open");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, runnable -> new Thread(runnable, "leaky-worker").start()).get();
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
            try (Connection closed = dataSource.getConnection()) {
                assertThat(Rows.itemNames(closed)).containsExactly("left open", "left open too");
            }
        }

        private static void forget(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource.getConnection(), 3, "left open too");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(3)
    static class LeakyAgainTestCase {

        @Test
        void leavesOneOpen(DataSource dataSource) throws SQLException {
            Connection connection = dataSource.getConnection();
            Rows.insertItem(connection, 4, "left open again");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ClassAndTestLeakyTestCase {

        static Connection kept;

        @BeforeAll
        static void keepsOne(DataSource dataSource) throws SQLException {
            kept = dataSource.getConnection();
            Rows.insertItem(kept, 1, "for the class");
        }

        @Test
        void leavesOneOpen(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource.getConnection(), 2, "for the test");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ClassLeakyTestCase {

        static Connection kept;

        @BeforeAll
        static void keepsOne(DataSource dataSource) throws SQLException {
            kept = dataSource.getConnection();
            Rows.insertItem(kept, 1, "for the class");
            closesTheOther(dataSource);
        }

        private static void closesTheOther(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(Rows.itemNames(connection)).containsExactly("for the class");
            }
        }

        @Test
        void seesTheClassesRow(DataSource dataSource) throws SQLException {
            assertThat(Rows.itemNames(dataSource)).containsExactly("for the class");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class HoarderTestCase {

        @Test
        void takesAThousandConnections(DataSource dataSource) throws SQLException {
            for (int i = 0; i < 1000; i++) {
                Connection connection = dataSource.getConnection();
                if (i == 999) {
                    Rows.insertItem(connection, 1, "still works");
                }
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(2)
    static class NothingSurvivedTestCase {

        @Test
        void theLeakyTestsRowsAreGone(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(Rows.itemNames(connection)).isEmpty();
            }
        }
    }
}
