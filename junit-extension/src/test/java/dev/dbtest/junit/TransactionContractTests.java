package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static dev.dbtest.junit.Rows.insertItem;
import static dev.dbtest.junit.Rows.itemNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The per-test transaction of DESIGN.md, points 1 to 4: each scenario is a small test class run through the Jupiter
 * engine on H2 and on PostgreSQL. The test cases assert what they see inside; these tests assert that they all ran
 * and passed.
 */
class TransactionContractTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aRowInsertedInOneTestIsNotVisibleInTheNextInBothOrders(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, Map.of("junit.jupiter.testmethod.order.default",
                "org.junit.jupiter.api.MethodOrderer$MethodName"), RowPerTestTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(database, Map.of("junit.jupiter.testmethod.order.default",
                ReverseMethodName.class.getName()), RowPerTestTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void codeThatCommitsSeesItsRowsLaterInTheTestAndTheNextTestDoesNot(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, CommitTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void rollbackAfterACommitReturnsToTheStateAtThatCommit(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, RollbackAfterCommitTestCase.class), 4);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void rowsFromBeforeEachAndFromFailingOrThrowingTestsAreRolledBack(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, BeforeEachAndFailuresTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        assertThat(Kit.failures(results)).extracting(Throwable::getMessage)
                .containsExactly("the test fails after writing", "the test throws after writing");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void anotherThreadSeesTheTestsRowsAndItsOwnWritesAreRolledBack(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, OtherThreadTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void inAutoCommitModeACaughtUniqueViolationIsFollowedByAStatementThatSucceeds(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, AutoCommitTestCase.class), database == TestedDatabase.H2 ? 3 : 5);
    }

    /**
     * The first statement of the test transaction runs without a savepoint of its own on PostgreSQL (the whole
     * transaction is rolled back when it fails); a failing first statement of the test that is not the first of the
     * transaction (after rows made in {@code @BeforeAll} or {@code @BeforeEach}) must still keep those rows.
     */
    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aFailingFirstStatementOfATestKeepsTheRowsMadeBeforeTheTest(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, FirstStatementFailsTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(database, FirstStatementAfterBeforeEachTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void ddlIsRefusedOnH2WithTheDocumentedMessageAndRolledBackOnPostgres(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, DdlTestCase.class);
        if (database == TestedDatabase.H2) {
            results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
            assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(DbTestException.class)
                    .hasMessage("DDL inside a test is refused on H2: CREATE TABLE scratch (id INT)\n"
                            + "  in: DdlTestCase.a_createsATable()\n"
                            + "  why: H2 commits the open transaction before every DDL statement, so the rows of this "
                            + "test would be committed and survive it.\n"
                            + "  fix: create the schema before the tests (@DatabaseTest(scripts = ...)), use "
                            + "CREATE LOCAL TEMPORARY TABLE ... TRANSACTIONAL, or run this test on PostgreSQL "
                            + "(dbtest.database=postgres), where DDL is rolled back with the test.");
        } else {
            Kit.assertAllPassed(results, 2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void isolationLevelAndReadOnlySetByOneTestDoNotReachTheNext(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, SessionStateTestCase.class), 4);
        Kit.assertAllPassed(Kit.run(database, SessionStateOnClassConnectionTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void userSavepointsNestInsideTheTestAndHandlesCloseAlone(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, SavepointsAndHandlesTestCase.class), 4);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void rollbackKeepsWhatWasAutoCommittedBeforeIt(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, RollbackKeepsAutoCommittedTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void transactionControlSentAsSqlIsRefusedWithTheReason(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, SqlTransactionControlTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("Transaction control sent as SQL is refused inside a test: COMMIT\n"
                        + "  in: SqlTransactionControlTestCase.a_commitsThroughSql()\n"
                        + "  why: it would end the test transaction, which dbtest rolls back after the test, so the "
                        + "test's rows would be committed or dbtest's savepoints lost.\n"
                        + "  fix: call Connection.commit(), rollback() or setAutoCommit(...) instead (dbtest emulates "
                        + "them inside the test transaction), and leave BEGIN and COMMIT out of scripts run in tests.");
        results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void thePhysicalConnectionDoesNotEscapeThroughUnwrapOrMetadata(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, NoEscapeTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void statementsFromSeveralThreadsAreSerializedAndAFailureOnOneDoesNotBreakTheOthers(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, ThreadsTestCase.class), 1);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void mixedModesFailuresAndCursorsKeepTheTransactionConsistent(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, EdgeCasesTestCase.class), database == TestedDatabase.H2 ? 4 : 6);
    }

    @Test
    void anH2SettingThatWouldCommitIsRefusedWithTheReason() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, H2SettingTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("This SET is refused inside a test on H2: SET REFERENTIAL_INTEGRITY FALSE\n"
                        + "  in: H2SettingTestCase.a_disablesForeignKeys()\n"
                        + "  why: H2 commits the open transaction before it changes this setting, so the rows of this "
                        + "test would be committed and survive it.\n"
                        + "  fix: put the setting in the database URL or the schema scripts, or run this test on "
                        + "PostgreSQL (dbtest.database=postgres).");
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void manyAutoCommittedStatementsMixedWithFailuresSavepointsCommitsAndRollbacksKeepTheContract(
            TestedDatabase database) {
        // On PostgreSQL the statements' own savepoints stay open and are released many at a time: these cross that
        // point several times, with dbtest's and the code's own savepoints in between.
        Kit.assertAllPassed(Kit.run(database, Map.of("junit.jupiter.testmethod.order.default",
                "org.junit.jupiter.api.MethodOrderer$MethodName"), ManyStatementsTestCase.class), 2);
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    static class ManyStatementsTestCase {

        @Test
        void a_writesAcrossEveryKindOfSavepoint(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                for (int id = 1; id <= 40; id++) {
                    insertItem(connection, id, "auto " + id);
                }
                connection.setAutoCommit(false);
                java.sql.Savepoint savepoint = connection.setSavepoint();
                insertItem(connection, 41, "rolled back to its savepoint");
                connection.rollback(savepoint);
                insertItem(connection, 42, "committed");
                connection.commit();
                connection.setAutoCommit(true);
                for (int id = 43; id <= 80; id++) {
                    insertItem(connection, id, "auto " + id);
                    if (id % 10 == 0) {
                        assertThatThrownBy(() -> insertItem(connection, 1, "a duplicate"))
                                .isInstanceOf(SQLException.class);
                    }
                }
                connection.setAutoCommit(false);
                insertItem(connection, 81, "rolled back");
                connection.rollback();
                connection.setAutoCommit(true);
                for (int id = 101; id <= 200; id++) {
                    insertItem(connection, id, "auto " + id);
                }
                assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM items")).isEqualTo("179");
                assertThat(itemNames(connection)).contains("committed", "auto 80", "auto 200")
                        .doesNotContain("rolled back to its savepoint", "rolled back", "a duplicate");
            }
        }

        @Test
        void b_nextTestSeesNothing(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class RowPerTestTestCase {

        @Test
        void a(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from a");
            assertThat(itemNames(dataSource)).containsExactly("from a");
        }

        @Test
        void b(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from b");
            assertThat(itemNames(dataSource)).containsExactly("from b");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CommitTestCase {

        @Test
        @Order(1)
        void commits(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                insertItem(connection, 1, "committed");
                connection.commit();
            }
            assertThat(itemNames(dataSource)).containsExactly("committed");
        }

        @Test
        @Order(2)
        void nextTestSeesNothing(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RollbackAfterCommitTestCase {

        @Test
        @Order(1)
        void rollbackGoesBackToTheLastCommit(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "kept");
            connection.commit();
            insertItem(connection, 2, "undone");
            connection.rollback();
            assertThat(itemNames(connection)).containsExactly("kept");
            insertItem(connection, 3, "after rollback");
            connection.commit();
            assertThat(itemNames(connection)).containsExactly("kept", "after rollback");
        }

        @Test
        @Order(2)
        void rollbackWithoutCommitGoesBackToTheStartOfTheTest(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "undone");
            connection.rollback();
            assertThat(itemNames(connection)).isEmpty();
        }

        @Test
        @Order(2)
        void switchingAutoCommitBackOnCommitsAsJdbcSays(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "committed by setAutoCommit(true)");
            connection.setAutoCommit(true);
            connection.setAutoCommit(false);
            insertItem(connection, 2, "undone");
            connection.rollback();
            assertThat(itemNames(connection)).containsExactly("committed by setAutoCommit(true)");
        }

        @Test
        @Order(3)
        void nextTestSeesNothing(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class BeforeEachAndFailuresTestCase {

        @BeforeEach
        void insertOneRow(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 100, "from @BeforeEach");
        }

        @AfterEach
        void seesTheRowsOfTheTest(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).contains("from @BeforeEach");
        }

        @Test
        @Order(1)
        void seesTheRowFromBeforeEach(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).containsExactly("from @BeforeEach");
        }

        @Test
        @Order(2)
        void failsAfterWriting(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from a failing test");
            throw new AssertionError("the test fails after writing");
        }

        @Test
        @Order(3)
        void throwsAfterWriting(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "from a throwing test");
            throw new IllegalStateException("the test throws after writing");
        }

        @Test
        @Order(4)
        void seesOnlyItsOwnBeforeEachRow(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).containsExactly("from @BeforeEach");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OtherThreadTestCase {

        @Test
        @Order(1)
        void anotherThreadSharesTheTransaction(DataSource dataSource) throws Exception {
            insertItem(dataSource, 1, "from the test thread");
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<List<String>> seen = executor.submit(() -> {
                    List<String> names = itemNames(dataSource);
                    insertItem(dataSource, 2, "from another thread");
                    return names;
                });
                assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("from the test thread");
            } finally {
                executor.shutdownNow();
            }
            assertThat(itemNames(dataSource)).containsExactly("from the test thread", "from another thread");
        }

        @Test
        @Order(2)
        void nextTestSeesNothing(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class AutoCommitTestCase {

        @Test
        @Order(1)
        void aCaughtUniqueViolationDoesNotPoisonTheTransaction(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(connection.getAutoCommit()).as("a new handle is in auto-commit mode, like a pooled one")
                        .isTrue();
                insertItem(connection, 1, "ann@example.com");
                assertThatThrownBy(() -> insertItem(connection, 2, "ann@example.com"))
                        .isInstanceOf(SQLException.class);
                insertItem(connection, 3, "bob@example.com");
                assertThat(itemNames(connection)).containsExactly("ann@example.com", "bob@example.com");
            }
        }

        @Test
        @Order(2)
        void aFailingFirstStatementIsUndoneAloneAndTheTestGoesOn(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThatThrownBy(() -> insertItem(connection, 1, null)).isInstanceOf(SQLException.class);
                insertItem(connection, 1, "ann@example.com");
                assertThatThrownBy(() -> insertItem(connection, 2, "ann@example.com"))
                        .isInstanceOf(SQLException.class);
                insertItem(connection, 3, "bob@example.com");
                assertThat(itemNames(connection)).containsExactly("ann@example.com", "bob@example.com");
            }
        }

        /** pgjdbc runs an INSERT sent with executeQuery, then refuses it for returning no rows: the row stays. */
        @Test
        @Order(3)
        void aFirstStatementTheServerRanButTheDriverRefusedStaysDone(DataSource dataSource, TestDatabase database)
                throws SQLException {
            assumeThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.executeQuery(
                            "INSERT INTO items (id, name) VALUES (1, 'ann@example.com')"))
                            .isInstanceOf(SQLException.class).hasMessageContaining("No results were returned");
                }
                insertItem(connection, 2, "bob@example.com");
                assertThat(itemNames(connection)).containsExactly("ann@example.com", "bob@example.com");
            }
        }

        /** The control: without auto-commit, PostgreSQL aborts the transaction, as it would outside a test. */
        @Test
        @Order(4)
        void withoutAutoCommitAFailedStatementAbortsTheTransactionOnPostgres(Connection connection, TestDatabase database)
                throws SQLException {
            assumeThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
            connection.setAutoCommit(false);
            insertItem(connection, 1, "ann@example.com");
            connection.commit();
            assertThatThrownBy(() -> insertItem(connection, 2, "ann@example.com")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> insertItem(connection, 3, "bob@example.com"))
                    .hasMessageContaining("current transaction is aborted");
            connection.rollback();
            insertItem(connection, 3, "bob@example.com");
            assertThat(itemNames(connection)).containsExactly("ann@example.com", "bob@example.com");
        }

        @Test
        @Order(5)
        void nextTestSeesNothing(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FirstStatementFailsTestCase {

        @org.junit.jupiter.api.BeforeAll
        static void aRowForTheClass(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "class@example.com");
        }

        @Test
        @Order(1)
        void afterTheClassRows(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThatThrownBy(() -> insertItem(connection, 2, null)).isInstanceOf(SQLException.class);
                insertItem(connection, 3, "ann@example.com");
                assertThat(itemNames(connection)).containsExactly("class@example.com", "ann@example.com");
            }
        }

        @Test
        @Order(2)
        void theClassRowsAreStillThere(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).containsExactly("class@example.com");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class FirstStatementAfterBeforeEachTestCase {

        @BeforeEach
        void aRowForTheTest(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "each@example.com");
        }

        @Test
        void failsFirst(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThatThrownBy(() -> insertItem(connection, 2, null)).isInstanceOf(SQLException.class);
                assertThat(itemNames(connection)).containsExactly("each@example.com");
            }
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class DdlTestCase {

        @Test
        void a_createsATable(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE scratch (id INT)");
                statement.execute("INSERT INTO scratch VALUES (1)");
            }
        }

        @Test
        void b_theTableIsGone(Connection connection) throws SQLException {
            assertThat(Rows.queryString(connection,
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'scratch'")).isEqualTo("0");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SessionStateTestCase {

        @Test
        @Order(1)
        void changesIsolationAndReadOnlyBeforeItsFirstStatement(Connection connection, TestDatabase database)
                throws SQLException {
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setReadOnly(true);
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(connection.isReadOnly()).isTrue();
            if (database.dialect() == Dialect.POSTGRESQL) {
                assertThat(Rows.queryString(connection, "SHOW transaction_isolation")).isEqualTo("serializable");
                assertThat(Rows.queryString(connection, "SHOW transaction_read_only")).isEqualTo("on");
                assertThatThrownBy(() -> insertItem(connection, 1, "refused"))
                        .hasMessageContaining("read-only transaction");
            }
        }

        @Test
        @Order(2)
        void seesTheDefaults(Connection connection, TestDatabase database) throws SQLException {
            assertDefaults(connection, database);
        }

        @Test
        @Order(3)
        void changesThemAfterItsFirstStatement(Connection connection) throws SQLException {
            insertItem(connection, 1, "first");
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(connection.isReadOnly()).isTrue();
        }

        @Test
        @Order(4)
        void seesTheDefaultsAgain(Connection connection, TestDatabase database) throws SQLException {
            assertDefaults(connection, database);
        }

        private static void assertDefaults(Connection connection, TestDatabase database) throws SQLException {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(connection.isReadOnly()).isFalse();
            if (database.dialect() == Dialect.POSTGRESQL) {
                assertThat(Rows.queryString(connection, "SHOW transaction_isolation")).isEqualTo("read committed");
                assertThat(Rows.queryString(connection, "SHOW transaction_read_only")).isEqualTo("off");
            }
            insertItem(connection, 1, "writable");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SavepointsAndHandlesTestCase {

        @Test
        @Order(1)
        void userSavepointsWorkAsUsual(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "a");
            java.sql.Savepoint savepoint = connection.setSavepoint();
            insertItem(connection, 2, "b");
            connection.rollback(savepoint);
            assertThat(itemNames(connection)).containsExactly("a");
            connection.commit();
            insertItem(connection, 3, "c");
            java.sql.Savepoint named = connection.setSavepoint("mine");
            insertItem(connection, 4, "d");
            connection.releaseSavepoint(named);
            assertThat(itemNames(connection)).containsExactly("a", "c", "d");
            connection.rollback();
            assertThat(itemNames(connection)).containsExactly("a");
        }

        @Test
        @Order(2)
        void transactionControlInAutoCommitModeIsRefusedAsByTheDriver(Connection connection) {
            assertThatThrownBy(connection::commit).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot commit when autoCommit is enabled.");
            assertThatThrownBy(connection::rollback).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot rollback when autoCommit is enabled.");
            assertThatThrownBy(connection::setSavepoint).isInstanceOf(SQLException.class)
                    .hasMessage("Cannot set a savepoint when autoCommit is enabled.");
        }

        @Test
        @Order(3)
        void closingAHandleClosesOnlyTheHandle(DataSource dataSource) throws SQLException {
            Connection first = dataSource.getConnection();
            Connection second = dataSource.getConnection();
            insertItem(first, 1, "from the first handle");
            first.close();
            assertThat(first.isClosed()).isTrue();
            assertThatThrownBy(first::createStatement).isInstanceOf(SQLException.class)
                    .hasMessage("This connection handle has been closed.");
            assertThat(second.isClosed()).isFalse();
            assertThat(itemNames(second)).containsExactly("from the first handle");
            second.close();
        }

        @Test
        @Order(4)
        void nothingIsLeft(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    /** The class's @BeforeAll pins a connection, so both tests run on it: nothing a test set may reach the next. */
    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SessionStateOnClassConnectionTestCase {

        @org.junit.jupiter.api.BeforeAll
        static void pinForTheClass(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "for the class");
        }

        @Test
        @Order(1)
        void changesIsolationReadOnlyAndSchema(Connection connection) throws SQLException {
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setReadOnly(true);
            connection.setSchema("information_schema");
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(connection.isReadOnly()).isTrue();
            assertThat(connection.getSchema()).isEqualTo("information_schema");
        }

        @Test
        @Order(2)
        void seesTheDefaults(Connection connection) throws SQLException {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(connection.isReadOnly()).isFalse();
            assertThat(connection.getSchema()).isEqualTo("public");
            assertThat(itemNames(connection)).containsExactly("for the class");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class RollbackKeepsAutoCommittedTestCase {

        @BeforeEach
        void autoCommitsARow(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 100, "from @BeforeEach");
        }

        @Test
        @Order(1)
        void aRollbackKeepsTheBeforeEachRow(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            insertItem(connection, 1, "undone");
            connection.rollback();
            assertThat(itemNames(connection)).containsExactly("from @BeforeEach");
        }

        @Test
        @Order(2)
        void aRollbackKeepsWhatAnotherHandleAutoCommitted(DataSource dataSource) throws SQLException {
            try (Connection manual = dataSource.getConnection()) {
                manual.setAutoCommit(false);
                insertItem(manual, 1, "committed");
                manual.commit();
                insertItem(dataSource, 2, "auto-committed by another handle");
                insertItem(manual, 3, "undone");
                manual.rollback();
                assertThat(itemNames(manual))
                        .containsExactly("committed", "auto-committed by another handle", "from @BeforeEach");
            }
        }

        @Test
        @Order(3)
        void nothingButTheBeforeEachRowIsLeft(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).containsExactly("from @BeforeEach");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class SqlTransactionControlTestCase {

        @Test
        void a_commitsThroughSql(Connection connection) throws SQLException {
            insertItem(connection, 1, "written before COMMIT");
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        }

        @Test
        void b_refusesEveryStatementOfAScriptBeforeRunningAny(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                assertThatThrownBy(() -> statement.execute(
                        "INSERT INTO items VALUES (1, 'x'); /* ; */ COMMIT; INSERT INTO items VALUES (2, 'y')"))
                        .isInstanceOf(DbTestException.class)
                        .hasMessageStartingWith("Transaction control sent as SQL is refused inside a test: /* ; */ COMMIT\n");
                assertThatThrownBy(() -> connection.prepareStatement("ROLLBACK").execute())
                        .isInstanceOf(DbTestException.class);
                statement.execute("SAVEPOINT mine");
                statement.execute("INSERT INTO items VALUES (3, 'undone')");
                statement.execute("ROLLBACK TO SAVEPOINT mine");
            }
            assertThat(itemNames(connection)).isEmpty();
        }

        @Test
        void c_nothingWasCommitted(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class NoEscapeTestCase {

        @Test
        void unwrapAndMetadataKeepTheHandle(Connection connection) throws SQLException {
            assertThat(connection.getMetaData().getConnection()).isSameAs(connection);
            try (Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.getStatement()).isSameAs(statement);
                assertThat(rows.getStatement().getConnection()).isSameAs(connection);
            }
            try (java.sql.PreparedStatement statement = connection.prepareStatement("SELECT 1")) {
                assertThat(statement.executeQuery().getStatement().getConnection()).isSameAs(connection);
                statement.execute();
                assertThat(statement.getResultSet().getStatement()).isSameAs(statement);
            }
            assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
            Class<? extends Connection> driverClass = connection.getMetaData().getDatabaseProductName().equals("H2")
                    ? org.h2.jdbc.JdbcConnection.class : org.postgresql.jdbc.PgConnection.class;
            assertThatThrownBy(() -> connection.unwrap(driverClass)).isInstanceOf(SQLException.class)
                    .hasMessageStartingWith("dbtest does not unwrap its connection handle to " + driverClass.getName());
            assertThat(connection.isWrapperFor(driverClass)).isFalse();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    static class ThreadsTestCase {

        private static final int WRITERS = 3;
        private static final int ROWS_PER_WRITER = 60;

        @Test
        void writersAndAFailingThreadShareTheTransaction(DataSource dataSource) throws Exception {
            insertItem(dataSource, 0, "taken");
            ExecutorService executor = Executors.newFixedThreadPool(WRITERS + 1);
            try {
                List<Future<?>> work = new java.util.ArrayList<>();
                // one thread keeps failing on a unique violation in auto-commit mode and catches it ...
                work.add(executor.submit(() -> {
                    for (int i = 0; i < ROWS_PER_WRITER; i++) {
                        try {
                            insertItem(dataSource, 10_000 + i, "taken");
                            throw new AssertionError("the duplicate was accepted");
                        } catch (SQLException expected) {
                            // the statement is undone alone
                        }
                    }
                    return null;
                }));
                // ... while others write, some in auto-commit mode, one committing by hand
                for (int writer = 1; writer <= WRITERS; writer++) {
                    int first = writer * 1_000;
                    boolean manual = writer == 1;
                    work.add(executor.submit(() -> {
                        try (Connection connection = dataSource.getConnection()) {
                            connection.setAutoCommit(!manual);
                            for (int i = 0; i < ROWS_PER_WRITER; i++) {
                                insertItem(connection, first + i, "row " + (first + i));
                                if (manual) {
                                    connection.commit();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> done : work) {
                    done.get(60, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }
            assertThat(itemNames(dataSource)).hasSize(1 + WRITERS * ROWS_PER_WRITER);
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class H2SettingTestCase {

        @Test
        void a_disablesForeignKeys(Connection connection) throws SQLException {
            insertItem(connection, 1, "written before SET");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SCHEMA public"); // does not commit: allowed
                statement.execute("SET REFERENTIAL_INTEGRITY FALSE");
            }
        }

        @Test
        void b_nothingWasCommitted(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    /** Cases found in review: each once broke the transaction on PostgreSQL. */
    @DatabaseTest(scripts = "schema.sql")
    static class EdgeCasesTestCase {

        @Test
        void aFailedAutoCommitStatementIsNotACommit(DataSource dataSource) throws SQLException {
            try (Connection manual = dataSource.getConnection(); Connection auto = dataSource.getConnection()) {
                manual.setAutoCommit(false);
                insertItem(manual, 1, "committed");
                manual.commit();
                insertItem(manual, 2, "taken");
                assertThatThrownBy(() -> insertItem(auto, 3, "taken")).isInstanceOf(SQLException.class);
                manual.rollback();
                assertThat(itemNames(manual)).containsExactly("committed");
            }
        }

        @Test
        void userSavepointsSurviveWorkAutoCommittedByAnotherHandle(DataSource dataSource) throws SQLException {
            try (Connection manual = dataSource.getConnection(); Connection auto = dataSource.getConnection()) {
                manual.setAutoCommit(false);
                insertItem(manual, 10, "committed");
                manual.commit();
                java.sql.Savepoint savepoint = manual.setSavepoint("a");
                insertItem(manual, 11, "after the savepoint");
                insertItem(auto, 12, "auto-committed");
                insertItem(manual, 13, "manual again");
                manual.rollback(savepoint);
                assertThat(itemNames(manual)).containsExactly("committed");
            }
        }

        @Test
        void unwrappingToADriverInterfaceGivesNoConnection(Connection connection, TestDatabase database)
                throws SQLException {
            if (database.dialect() == Dialect.POSTGRESQL) {
                org.postgresql.PGConnection driver = connection.unwrap(org.postgresql.PGConnection.class);
                assertThat(driver).isNotInstanceOf(Connection.class);
                assertThat(driver.getBackendPID()).isPositive();
            }
            try (java.sql.ResultSet tables = connection.getMetaData().getTables(null, null, "%", null)) {
                assertThat(tables.getStatement()).isNull();
            }
        }

        @Test
        void aFailingRowOfAFetchSizeQueryDoesNotAbortTheTransaction(DataSource dataSource, TestDatabase database)
                throws SQLException {
            assumeThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.setFetchSize(2);
                assertThatThrownBy(() -> {
                    try (java.sql.ResultSet rows = statement.executeQuery(
                            "SELECT 10 / (3 - g) FROM generate_series(1, 5) g")) {
                        while (rows.next()) {
                            rows.getInt(1);
                        }
                    }
                }).isInstanceOf(SQLException.class).hasMessageContaining("division by zero");
                insertItem(connection, 1, "after the failed query");
                assertThat(itemNames(connection)).containsExactly("after the failed query");
            }
        }

        @Test
        void aStatementAfterAnAbortedTransactionDoesNotRewindCommittedWork(DataSource dataSource,
                TestDatabase database) throws SQLException {
            assumeThat(database.dialect()).isEqualTo(Dialect.POSTGRESQL);
            try (Connection auto = dataSource.getConnection(); Connection manual = dataSource.getConnection()) {
                insertItem(auto, 1, "one");
                assertThatThrownBy(() -> insertItem(auto, 1, "one again")).isInstanceOf(SQLException.class);
                insertItem(auto, 2, "two");
                manual.setAutoCommit(false);
                insertItem(manual, 3, "three");
                manual.commit();
                assertThatThrownBy(() -> insertItem(manual, 3, "three again")).isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> insertItem(auto, 4, "four")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("current transaction is aborted");
                manual.rollback();
                assertThat(itemNames(manual)).containsExactly("one", "two", "three");
            }
        }

        @Test
        void nothingIsLeft(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }
}
