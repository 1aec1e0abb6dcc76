package dev.dbtest.junit;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What can be injected where, and the message for what cannot. */
class ParameterResolutionTests {

    @Test
    void everyParameterOfOneTestSharesOneTransaction() {
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, SharedTransactionTestCase.class), 1);
    }

    @Test
    void aJdbcTypeDbtestDoesNotProvideNamesTheParameterAndTheSupportedTypes() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, StatementParameterTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@DatabaseTest cannot inject parameter [Statement statement] of method takesAStatement() "
                        + "of " + StatementParameterTestCase.class.getName() + ": the type java.sql.Statement is not "
                        + "one it provides. It injects javax.sql.DataSource, java.sql.Connection, "
                        + "dev.dbtest.fixtures.Fixtures, dev.dbtest.assertions.QueryLog and "
                        + "dev.dbtest.junit.TestDatabase; take a Connection and create what you need from it.");
    }

    @Test
    void aConnectionInBeforeAllIsRefusedWithTheAlternative() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, ConnectionInBeforeAllTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessage("@DatabaseTest cannot inject parameter [Connection connection] of method setUp() of "
                        + ConnectionInBeforeAllTestCase.class.getName() + ": a Connection belongs to one test's "
                        + "transaction, and no test runs in a @BeforeAll or @AfterAll method. Declare a "
                        + "javax.sql.DataSource parameter instead: its connections work in the class's transaction "
                        + "there, and in each test's transaction during the tests.");
    }

    @Test
    void aConnectionInAConstructorIsRefusedWithTheAlternative() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, ConnectionInConstructorTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(ParameterResolutionException.class)
                .hasMessageStartingWith("@DatabaseTest cannot inject parameter [Connection connection] of the "
                        + "constructor of " + ConnectionInConstructorTestCase.class.getName() + ": a Connection belongs "
                        + "to one test's transaction, and no test runs in a constructor.");
    }

    @Test
    void aConnectionIsClosedByDbtestWhenTheTestEndsAndSaysSo() {
        HandleAfterTheTestTestCase.kept.clear();
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, HandleAfterTheTestTestCase.class), 1);
        Connection kept = HandleAfterTheTestTestCase.kept.get(0);
        assertThat(kept).satisfies(connection -> assertThat(connection.isClosed()).isTrue());
        org.assertj.core.api.Assertions.assertThatThrownBy(kept::createStatement)
                .isInstanceOf(SQLException.class)
                .hasMessage("This connection was closed by dbtest when HandleAfterTheTestTestCase.keepsAConnection() "
                        + "ended: connections taken from dbtest's DataSource are valid only while the test (or class) "
                        + "that took them runs.");
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class SharedTransactionTestCase {

        @BeforeEach
        void before(Connection connection) throws SQLException {
            Rows.insertItem(connection, 1, "from @BeforeEach");
        }

        @Test
        void test(Connection connection, DataSource dataSource, TestDatabase database) throws SQLException {
            Rows.insertItem(connection, 2, "from the test");
            assertThat(Rows.itemNames(dataSource)).containsExactly("from @BeforeEach", "from the test");
            assertThat(database.schemaName()).startsWith("dbtest_");
        }

        @AfterEach
        void after(DataSource dataSource) throws SQLException {
            assertThat(Rows.itemNames(dataSource)).containsExactly("from @BeforeEach", "from the test");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class StatementParameterTestCase {
        @Test
        void takesAStatement(Statement statement) {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ConnectionInBeforeAllTestCase {
        @BeforeAll
        static void setUp(Connection connection) {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ConnectionInConstructorTestCase {
        ConnectionInConstructorTestCase(Connection connection) {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class HandleAfterTheTestTestCase {
        static final List<Connection> kept = new ArrayList<>();

        @Test
        void keepsAConnection(DataSource dataSource) throws SQLException {
            kept.add(dataSource.getConnection());
        }
    }
}
