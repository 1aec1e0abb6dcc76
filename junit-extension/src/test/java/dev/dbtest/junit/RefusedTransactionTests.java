package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that refuses to begin a test's transaction, or to roll it back. No real PostgreSQL or H2 can be made to
 * refuse these on demand (PostgreSQL sends BEGIN with the first statement and refuses a ROLLBACK only when the
 * connection is broken, which is the "database is gone" case), so these run through dbtest's whole stack on a real H2
 * database behind {@link RefusingDriver}, a JDBC driver whose connections throw the server's SQLException from
 * {@code setAutoCommit(false)}, {@code rollback()} or {@code rollback(Savepoint)} when armed. The code that answers
 * such a refusal is the same on every database.
 */
class RefusedTransactionTests {

    private String database;

    private Map<String, String> refusingUrl() {
        database = "refusing_" + UUID.randomUUID().toString().replace("-", "");
        return Map.of("dbtest.database", "url", "dbtest.url", RefusingDriver.h2Url(database), "dbtest.username", "sa");
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        RefusingDriver.refuse(null);
        if (database != null) {
            try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + database, "sa", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Test
    void aRefusedBeginFailsTheTestWithTheServersAnswerAndTheFix() {
        EngineExecutionResults results = Kit.run(refusingUrl(), BeginRefusedTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not start the transaction of BeginRefusedTestCase.refused(): "
                        + "ERROR: the server refused to begin a transaction (dbtest's RefusingDriver)\n")
                .hasMessageContaining("  Fix: ");
        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
    }

    @Test
    void aRefusedRollbackFailsTheTestAndTheConnectionDoesNotGoBackToThePool() {
        EngineExecutionResults results = Kit.run(refusingUrl(), RollbackRefusedTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not roll back the transaction of "
                        + "RollbackRefusedTestCase.a_refusedItsRollback() (the database answered: ERROR: the server "
                        + "refused the rollback (dbtest's RefusingDriver)). ")
                .hasMessageContaining("  Fix: ");
        // The next test does not get the connection that still holds the first test's row.
        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
    }

    @Test
    void aRefusedRollbackOfATestOnItsClassesPinnedConnectionSaysItsRowsMayBeSeenByTheNextTests() {
        EngineExecutionResults results = Kit.run(refusingUrl(), PinnedRollbackRefusedTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not roll back the work of "
                        + "PinnedRollbackRefusedTestCase.a_refusedItsRollback() (the database answered: ERROR: the "
                        + "server refused to roll back to the savepoint (dbtest's RefusingDriver)). Rows it wrote may be "
                        + "visible to the next tests of its class.")
                .hasMessageContaining("  Fix: ");
        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class BeginRefusedTestCase {

        @BeforeAll
        static void arm() {
            RefusingDriver.refuse(RefusingDriver.Refusal.BEGIN);
        }

        @Test
        void refused(DataSource dataSource) {
        }

        @Test
        void then_theNextTestBegins(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "next");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class RollbackRefusedTestCase {

        @Test
        void a_refusedItsRollback(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "of the refused rollback");
            RefusingDriver.refuse(RefusingDriver.Refusal.ROLLBACK);
        }

        @Test
        void b_seesNoRowOfTheTestBefore(DataSource dataSource) throws SQLException {
            assertThat(Rows.itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class PinnedRollbackRefusedTestCase {

        @BeforeAll
        static void writeTheClassesRow(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 1, "of the class");
        }

        @Test
        void a_refusedItsRollback(DataSource dataSource) throws SQLException {
            Rows.insertItem(dataSource, 2, "of the refused rollback");
            RefusingDriver.refuse(RefusingDriver.Refusal.ROLLBACK_TO_SAVEPOINT);
        }

        @Test
        void b_seesTheRowsTheMessageWarnedOf(DataSource dataSource) throws SQLException {
            assertThat(Rows.itemNames(dataSource)).containsExactly("of the class", "of the refused rollback");
        }
    }
}
