package dev.dbtest.junit;

import dev.dbtest.assertions.DbAssertions;
import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.DbTestException;
import dev.dbtest.core.Dialect;
import dev.dbtest.fixtures.Fixtures;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests that must commit (DESIGN.md, per-test transaction, point 5): {@code @DatabaseTest(transactional = false)} and
 * {@link NonTransactional} give real connections, and the tables such a test wrote are emptied after it. Each scenario
 * is a small test class run through the Jupiter engine on H2 and on PostgreSQL; the test cases assert what they see.
 */
class NonTransactionalTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aSecondSessionsSelectForUpdateWaitsForTheFirstsCommitAndQueryLogSeesBothSessions(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, LockingTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void theNextTransactionalTestSeesEmptyTablesAndRestartedIdentities(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, MethodLevelTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void onlyWrittenTablesAreEmptiedAndAnUnattributedWriteEmptiesThemAll(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, OnlyWrittenTablesTestCase.class), 3);
        Kit.assertAllPassed(Kit.run(database, UnattributedWriteTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void seedRowsComeBackAfterANonTransactionalTestAndIdentitiesAsTheBuildLeftThem(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, SeededTestCase.class);
        Kit.assertAllPassed(results, 2);
        assertThat(reportEntries(results, "dbtest.emptied")).containsExactly("public.visits, public.accounts, "
                + "public.roles; seed rows put back: public.roles 3, public.accounts 1");
    }

    @Test
    void onPostgresqlSeedRowsThatReferenceALaterRowOfTheirTableComeBackInOneCopy() {
        Kit.assertAllPassed(Kit.run(TestedDatabase.POSTGRES, ForwardReferenceTestCase.class), 2);
    }

    @Test
    void onH2SeedRowsThatReferenceALaterRowOfTheirTableCannotComeBackAndTheMessageSaysWhy() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, ForwardReferenceTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        assertThat(Kit.failures(results).get(0)).isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not put back the seed rows of public.staff (the rows the schema "
                        + "held before the tests) after emptying the tables ForwardReferenceTestCase.addsAMember() "
                        + "wrote: Referential integrity constraint violation")
                .hasMessageContaining("\n  in: ForwardReferenceTestCase.addsAMember() (non-transactional), on dbtest_")
                .hasMessageContaining("; tables: [public.staff] (emptied without their seed rows: the next tests find "
                        + "them empty)\n"
                        + "  why: a non-transactional test commits for real, so dbtest empties the tables it wrote "
                        + "after it and puts back the rows its scripts or migrations seeded.\n"
                        + "  fix: on H2 the rows come back parents first and each row's foreign keys are checked as it "
                        + "arrives: a seed row that references a row that comes after it (later in its own table, or in "
                        + "a table that references this one: a cycle) cannot come back; seed the referenced rows first.");
        assertThat(Kit.failures(results).get(1)).as("the next test finds the table empty, not the test's rows")
                .hasMessageContaining("Expecting actual:\n  []");
    }

    @Test
    void aConnectionLeftOpenIsReportedEvenWhenTheEmptyingFails() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, Map.of("dbtest.leaks", "fail"),
                ForwardReferenceLeakTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .hasMessageStartingWith("dbtest could not put back the seed rows of public.staff")
                .satisfies(failure -> assertThat(failure.getSuppressed()).singleElement(InstanceOfAssertFactories.THROWABLE)
                        .isInstanceOf(DbTestException.class)
                        .hasMessageStartingWith("ForwardReferenceLeakTestCase.addsAMemberAndLeavesItsConnectionOpen() "
                                + "left 1 connection open"));
    }

    @Test
    void onPostgresqlSeedRowsOfEveryKindComeBackExactlyWithoutFiringTriggers() {
        Kit.assertAllPassed(Kit.run(TestedDatabase.POSTGRES, PostgresSeedTestCase.class), 2);
    }

    /**
     * Through a user who owns the schema but is no superuser (the machine's PostgreSQL, through {@code dbtest.url}):
     * dbtest cannot switch all triggers and foreign keys off for its session, so it disables the seeded tables' enabled
     * triggers one by one, and puts the rows back parents first.
     */
    @Test
    void throughAUserWhoIsNoSuperuserTheSeedRowsComeBackWithTheTriggersOffOneByOne() throws SQLException {
        createTheUserWhoIsNoSuperuser();
        Map<String, String> parameters = Map.of("dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "dbtest.username", NO_SUPERUSER);
        Kit.assertAllPassed(Kit.run(parameters, PostgresSeedTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(parameters, ForwardReferenceTestCase.class), 2);
        Kit.assertAllPassed(Kit.run(parameters, SeededTestCase.class), 2);
    }

    @Test
    void seedRowsInACycleOfForeignKeysComeBackAsTheSuperuserAndAUserWhoIsNoneIsToldWhyNot() throws SQLException {
        Kit.assertAllPassed(Kit.run(TestedDatabase.POSTGRES, CycleTestCase.class), 2);
        createTheUserWhoIsNoSuperuser();
        EngineExecutionResults results = Kit.run(Map.of("dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres",
                "dbtest.username", NO_SUPERUSER), CycleTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
        assertThat(Kit.failures(results).get(0)).isInstanceOf(DbTestException.class)
                .hasMessageMatching("(?s)dbtest could not put back the seed rows of public\\.(teams|members) \\(the rows "
                        + "the schema held before the tests\\) after emptying the tables CycleTestCase\\.joins\\(\\) "
                        + "wrote: ERROR: insert or update on table .* violates foreign key constraint .*")
                .hasMessageContaining("; tables: [public.members, public.teams] (emptied without their seed rows: "
                        + "the next tests find them empty)\n")
                .hasMessageContaining("  fix: find out why the server refused (its answer above: a trigger, a "
                        + "permission, a foreign key the user may not defer); as a superuser dbtest switches triggers "
                        + "and foreign keys off while it puts the rows back.");
        assertThat(Kit.failures(results).get(1)).as("the next test finds the tables empty")
                .hasMessageContaining("Expecting actual:\n  []");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aFailingTestAndAFailingBeforeEachStillGetTheirTablesEmptied(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, FailingTestCase.class, FailingBeforeEachTestCase.class,
                AfterFailuresTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(2).failed(2));
        assertThat(Kit.failures(results)).extracting(Throwable::getMessage)
                .containsExactly("the test fails after committing", "@BeforeEach fails after committing");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void fixturesCommitTheirRowsAndTheirTablesAreEmptied(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, FixturesTestCase.class), 2);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aRealConnectionLeftOpenIsReportedAndClosed(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("dbtest.leaks", "fail"), LeakTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("LeakTestCase.a_leavesAConnectionOpen() left 1 connection open")
                .hasMessageContaining("; where it was taken was not recorded\n      its first statement ran at "
                        + "NonTransactionalTests.execute(NonTransactionalTests.java:");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aNonTransactionalTestInAClassWhoseBeforeAllWroteRowsIsRefused(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, ClassRowsTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("ClassRowsTestCase.committing() is non-transactional (@NonTransactional, or "
                        + "@DatabaseTest(transactional = false)), but the @BeforeAll (or constructor) of "
                        + ClassRowsTestCase.class.getName() + " used the DataSource injected there: what it wrote and "
                        + "read lives in a class transaction, open on a connection of its own until after the class.\n"
                        + "  why: the test's real connections cannot see those rows, and emptying the tables the test "
                        + "wrote would wait for that transaction's locks, or remove rows the next tests of the class "
                        + "expect.\n"
                        + "  fix: create the rows the test needs in a @BeforeEach (they are committed, and emptied "
                        + "after the test), or move the test to a class without such a @BeforeAll.");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void nonTransactionalOnALifecycleMethodIsRefused(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, LifecycleAnnotatedTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("@NonTransactional on setUp() of " + LifecycleAnnotatedTestCase.class.getName()
                        + " has no effect: it is not a test.\n"
                        + "  why: @BeforeEach and @AfterEach run in the transaction of the test they belong to (or on "
                        + "its real connections), which the test method decides; @BeforeAll and @AfterAll belong to no "
                        + "test.\n"
                        + "  fix: put @NonTransactional on the test methods, or @DatabaseTest(transactional = false) on "
                        + "the class.");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aNonTransactionalTestInAConcurrentClassIsRefused(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, Map.of("junit.jupiter.execution.parallel.enabled", "true"),
                ConcurrentTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage("ConcurrentTestCase.committing() is non-transactional (@NonTransactional, or "
                        + "@DatabaseTest(transactional = false)), and the tests of " + ConcurrentTestCase.class.getName()
                        + " run concurrently.\n"
                        + "  why: it commits for real and dbtest empties the tables it wrote after it, so tests running "
                        + "beside it would see its rows, and lose their own committed rows when it ends.\n"
                        + "  fix: run it alone: @Isolated on the class (org.junit.jupiter.api.parallel), or "
                        + "@Execution(ExecutionMode.SAME_THREAD) on the class.");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aTestHoldingMoreConnectionsThanThePoolIsToldWhy(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, HoarderTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessageStartingWith("dbtest could not take a connection to ")
                .hasMessageContaining("  HoarderTestCase.a_holdsEveryConnection() is non-transactional: each "
                        + "getConnection() takes a real connection from the pool until it is closed, and it holds ")
                .hasMessageContaining("  Fix: close the connections the test no longer needs (try-with-resources), "
                        + "or take fewer at once")
                .hasMessageNotContaining("raise the server's connection limit");
    }

    // --- test cases -----------------------------------------------------------------------------------------------

    /** A user of the machine's PostgreSQL who may log in and create databases, and is no superuser. */
    static final String NO_SUPERUSER = "dbtest_seed_owner";

    /** Creates {@link #NO_SUPERUSER} on the machine's PostgreSQL (trust auth), unless it is there. */
    static void createTheUserWhoIsNoSuperuser() throws SQLException {
        try (Connection admin = SecurityTests.localPostgres(); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + NO_SUPERUSER
                    + "') THEN CREATE ROLE " + NO_SUPERUSER + " LOGIN CREATEDB NOSUPERUSER; END IF; END $$");
        }
    }

    static List<String> reportEntries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class)
                        .getKeyValuePairs().get(key))
                .filter(value -> value != null).toList();
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static int insert(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getInt(1);
            }
        }
    }

    /** Each row of {@code sql}'s result, its columns joined by spaces. */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    static int count(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return Integer.parseInt(Rows.queryString(connection, "SELECT COUNT(*) FROM " + table));
        }
    }

    static String string(Connection connection, String sql) throws SQLException {
        return Rows.queryString(connection, sql);
    }

    /** Counts the sessions that wait for a lock, as the server sees them. */
    static int sessionsWaitingForALock(Connection connection, Dialect dialect) throws SQLException {
        return Integer.parseInt(string(connection, dialect == Dialect.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_locks WHERE NOT granted"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"));
    }

    @DatabaseTest(scripts = "committing.sql", transactional = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class LockingTestCase {

        @Test
        @Order(1)
        void selectForUpdateBlocksASecondSessionUntilTheFirstCommits(DataSource dataSource, TestDatabase database,
                QueryLog queries) throws Exception {
            try (Connection setup = dataSource.getConnection()) {
                execute(setup, "INSERT INTO seats (id) VALUES (1)"); // auto-commit: committed for every session
            }
            ExecutorService other = Executors.newSingleThreadExecutor();
            try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection();
                 Connection observer = dataSource.getConnection()) {
                if (database.dialect() == Dialect.H2) {
                    execute(second, "SET LOCK_TIMEOUT 20000"); // H2 gives up waiting for a lock after 1 s by default
                }
                first.setAutoCommit(false);
                assertThat(string(first, "SELECT taken_by FROM seats WHERE id = 1 FOR UPDATE")).isNull();

                CountDownLatch secondStarts = new CountDownLatch(1);
                Future<String> secondSees = other.submit(() -> {
                    second.setAutoCommit(false);
                    secondStarts.countDown();
                    String seen = string(second, "SELECT taken_by FROM seats WHERE id = 1 FOR UPDATE");
                    second.commit();
                    return seen;
                });
                assertThat(secondStarts.await(10, TimeUnit.SECONDS)).isTrue();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (sessionsWaitingForALock(observer, database.dialect()) == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(sessionsWaitingForALock(observer, database.dialect()))
                        .as("sessions the server sees waiting for a lock").isEqualTo(1);
                assertThatThrownBy(() -> secondSees.get(300, TimeUnit.MILLISECONDS))
                        .isInstanceOf(TimeoutException.class);

                execute(first, "UPDATE seats SET taken_by = 'ann' WHERE id = 1");
                first.commit();

                assertThat(secondSees.get(20, TimeUnit.SECONDS)).isEqualTo("ann"); // proceeds, and sees the commit
            } finally {
                other.shutdownNow();
            }
            List<CapturedStatement> forUpdate = queries.statements().stream()
                    .filter(statement -> statement.sql().endsWith("FOR UPDATE")).toList();
            assertThat(forUpdate).extracting(CapturedStatement::onTestThread).containsExactly(true, false);
            DbAssertions.assertThat(queries).hasUpdateCount(1).hasInsertCount(1)
                    .containsStatementMatching("UPDATE seats SET taken_by");
        }

        @Test
        @Order(2)
        void theSeatIsGone(DataSource dataSource) throws SQLException {
            assertThat(count(dataSource, "seats")).isZero();
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class MethodLevelTestCase {

        @Test
        @Order(1)
        void transactionalTestsStillRollBack(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                insert(connection, "INSERT INTO customers (name) VALUES ('ann')");
                connection.commit(); // emulated
            }
            assertThat(count(dataSource, "customers")).isOne();
        }

        @Test
        @Order(2)
        @NonTransactional
        void commitsRowsInThreeTablesThroughTwoSessions(DataSource dataSource, Connection parameter)
                throws SQLException {
            int customer = insert(parameter, "INSERT INTO customers (name) VALUES ('bea')");
            assertThat(customer).as("identity after the rolled-back transactional test").isBetween(1, 2);
            try (Connection other = dataSource.getConnection()) {
                other.setAutoCommit(false);
                int order = insert(other, "INSERT INTO orders (customer_id, total) VALUES (" + customer + ", 10)");
                insert(other, "INSERT INTO order_lines (order_id, item) VALUES (" + order + ", 'pen')");
                insert(other, "INSERT INTO order_lines (order_id, item) VALUES (" + order + ", 'ink')");
                assertThat(count(dataSource, "order_lines")).as("not committed yet: another session").isZero();
                other.commit();
            }
            assertThat(count(dataSource, "order_lines")).isEqualTo(2);
            assertThat(parameter.getAutoCommit()).isTrue();
        }

        @Test
        @Order(3)
        void theNextTestSeesEmptyTablesAndIdentitiesStartingOver(Connection connection) throws SQLException {
            assertThat(string(connection, "SELECT COUNT(*) FROM customers")).isEqualTo("0");
            assertThat(string(connection, "SELECT COUNT(*) FROM orders")).isEqualTo("0");
            assertThat(string(connection, "SELECT COUNT(*) FROM order_lines")).isEqualTo("0");
            int customer = insert(connection, "INSERT INTO customers (name) VALUES ('cid')");
            assertThat(customer).isOne();
            assertThat(insert(connection, "INSERT INTO orders (customer_id, total) VALUES (1, 5)")).isOne();
            assertThat(insert(connection, "INSERT INTO order_lines (order_id, item) VALUES (1, 'cup')")).isOne();
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class OnlyWrittenTablesTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void readsCountriesAndWritesCustomersAndSeats(Connection connection) throws SQLException {
            assertThat(string(connection, "SELECT name FROM countries WHERE code = 'NO'")).isEqualTo("Norway");
            insert(connection, "INSERT INTO customers (name) VALUES ('ann')");
            execute(connection, "INSERT INTO seats (id) VALUES (1); UPDATE seats SET taken_by = 'ann'");
        }

        @Test
        @Order(2)
        @NonTransactional
        void writesOnlyWhatItReads(Connection connection) throws SQLException {
            execute(connection, "UPDATE customers SET name = 'nobody' WHERE id = -1"); // writes no row: emptied all the same
        }

        @Test
        @Order(3)
        void theRowWrittenBeforeTheTestsIsStillThere(Connection connection) throws SQLException {
            assertThat(string(connection, "SELECT name FROM countries WHERE code = 'NO'")).isEqualTo("Norway");
            assertThat(string(connection, "SELECT COUNT(*) FROM customers")).isEqualTo("0");
            assertThat(string(connection, "SELECT COUNT(*) FROM seats")).isEqualTo("0");
        }
    }

    @DatabaseTest(scripts = {"committing.sql", "committing-fallback.sql"})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class UnattributedWriteTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void writesThroughABatchOfPlainStatements(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.addBatch("INSERT INTO seats (id) VALUES (7)");
                statement.addBatch("INSERT INTO customers (name) VALUES ('ann')");
                statement.executeBatch(); // captured as its first statement: the second's table is not known
            }
        }

        @Test
        @Order(2)
        void everyTableWasEmptied(Connection connection) throws SQLException {
            assertThat(string(connection, "SELECT COUNT(*) FROM seats")).isEqualTo("0");
            assertThat(string(connection, "SELECT COUNT(*) FROM customers")).isEqualTo("0");
            assertThat(string(connection, "SELECT COUNT(*) FROM countries")).as("its seed row is back").isEqualTo("1");
            assertThat(string(connection, "SELECT name FROM countries WHERE code = 'NO'")).isEqualTo("Norway");
        }
    }

    @DatabaseTest(scripts = "seeded.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class SeededTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void changesTheSeedRowsAndAddsItsOwn(Connection connection) throws SQLException {
            execute(connection, "UPDATE roles SET name = 'root' WHERE id = 1");
            execute(connection, "DELETE FROM accounts");
            execute(connection, "DELETE FROM roles WHERE name = 'viewer'");
            int guest = insert(connection, "INSERT INTO roles (name) VALUES ('guest')");
            int account = insert(connection, "INSERT INTO accounts (login, role_id) VALUES ('ann', " + guest + ")");
            int visit = insert(connection, "INSERT INTO visits (account_id) VALUES (" + account + ")");
            assertThat(List.of(guest, account, visit)).as("the identities as the build left them").containsExactly(4,
                    101, 50);
        }

        @Test
        @Order(2)
        void theNextTestFindsTheSeedRowsAndTheIdentitiesAsBuilt(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT id, name FROM roles ORDER BY id"))
                    .containsExactly("1 admin", "2 editor", "3 viewer");
            assertThat(rows(connection, "SELECT id, login, role_id FROM accounts")).containsExactly("100 root 1");
            assertThat(string(connection, "SELECT COUNT(*) FROM visits")).isEqualTo("0");
            int guest = insert(connection, "INSERT INTO roles (name) VALUES ('guest')");
            int account = insert(connection, "INSERT INTO accounts (login, role_id) VALUES ('ann', " + guest + ")");
            int visit = insert(connection, "INSERT INTO visits (account_id) VALUES (" + account + ")");
            assertThat(List.of(guest, account, visit)).containsExactly(4, 101, 50);
        }
    }

    @DatabaseTest(scripts = "seeded-forward.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ForwardReferenceTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void addsAMember(Connection connection) throws SQLException {
            execute(connection, "INSERT INTO staff (id, name, boss_id) VALUES (3, 'cy', 1)");
        }

        @Test
        @Order(2)
        void findsTheSeedRowsAsBuilt(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT id, name, boss_id FROM staff ORDER BY id"))
                    .containsExactly("1 ann 2", "2 bo null");
        }
    }

    @DatabaseTest(scripts = "seeded-cycle.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class CycleTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void joins(Connection connection) throws SQLException {
            execute(connection, "INSERT INTO members (id, team_id) VALUES (11, 1)");
        }

        @Test
        @Order(2)
        void findsTheSeedRowsAsBuilt(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT id, team_id FROM members")).containsExactly("10 1");
            assertThat(rows(connection, "SELECT id, lead_id FROM teams")).containsExactly("1 10");
        }
    }

    @DatabaseTest(scripts = "seeded-forward.sql")
    static class ForwardReferenceLeakTestCase {

        @Test
        @NonTransactional
        void addsAMemberAndLeavesItsConnectionOpen(DataSource dataSource) throws SQLException {
            execute(dataSource.getConnection(), "INSERT INTO staff (id, name, boss_id) VALUES (3, 'cy', 1)");
        }
    }

    @DatabaseTest(scripts = "seeded-postgres.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PostgresSeedTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void relabels(Connection connection) throws SQLException {
            execute(connection, "UPDATE labels SET name = 'crimson', tags = ARRAY['dark'] WHERE name = 'red'");
            int blue = insert(connection, "INSERT INTO labels (name, kind, tags, doc) "
                    + "VALUES ('blue', 'plain', ARRAY[]::text[], '{}')");
            assertThat(blue).isEqualTo(500);
            assertThat(insert(connection, "INSERT INTO stickers (label_id) VALUES (" + blue + ")")).isEqualTo(2);
            execute(connection, "INSERT INTO events (id, what) VALUES (3, 'tick')");
        }

        @Test
        @Order(2)
        void findsTheSeedRowExactlyAndItsTriggerOnAgain(Connection connection) throws SQLException {
            assertThat(rows(connection, "SELECT id, name, shout, kind, tags, doc FROM labels"))
                    .containsExactly("1 red RED fancy {warm,bright} {\"hex\": \"#f00\"}");
            assertThat(rows(connection, "SELECT label FROM label_audit ORDER BY id"))
                    .as("the seed row's audit row and blue's: putting the seed row back fired no trigger")
                    .containsExactly("red", "blue");
            assertThat(rows(connection, "SELECT id, label_id FROM stickers")).containsExactly("1 1");
            int green = insert(connection, "INSERT INTO labels (name, kind, tags, doc) "
                    + "VALUES ('green', 'plain', ARRAY['x'], '{}')");
            assertThat(green).as("the identity restarted with 500 after the seed row, as built").isEqualTo(500);
            assertThat(insert(connection, "INSERT INTO stickers (label_id) VALUES (" + green + ")")).isEqualTo(2);
            assertThat(rows(connection, "SELECT id, what FROM ONLY events")).containsExactly("1 boot");
            assertThat(rows(connection, "SELECT id, what, level FROM urgent_events")).as("emptied with its parent")
                    .containsExactly("2 fire 9");
            assertThat(string(connection, "SELECT COUNT(*) FROM label_audit")).as("the trigger fires again")
                    .isEqualTo("3");
        }
    }

    @DatabaseTest(scripts = "committing.sql", transactional = false)
    @Order(1)
    static class FailingTestCase {

        @Test
        void failsAfterCommitting(Connection connection) throws SQLException {
            insert(connection, "INSERT INTO customers (name) VALUES ('ann')");
            throw new AssertionError("the test fails after committing");
        }
    }

    @DatabaseTest(scripts = "committing.sql", transactional = false)
    @Order(2)
    static class FailingBeforeEachTestCase {

        @BeforeEach
        void setUp(Connection connection) throws SQLException {
            insert(connection, "INSERT INTO customers (name) VALUES ('bea')");
            execute(connection, "INSERT INTO seats (id) VALUES (3)");
            throw new AssertionError("@BeforeEach fails after committing");
        }

        @Test
        void neverRuns() {
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    @Order(3)
    static class AfterFailuresTestCase {

        @Test
        void seesEmptyTables(DataSource dataSource) throws SQLException {
            assertThat(count(dataSource, "customers")).isZero();
            assertThat(count(dataSource, "seats")).isZero();
        }

        @Test
        void andIdentitiesStartingOver(Connection connection) throws SQLException {
            assertThat(insert(connection, "INSERT INTO customers (name) VALUES ('cid')")).isOne();
        }
    }

    @Entity(name = "Shelf")
    static class Shelf {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String label;
    }

    @Entity(name = "Volume")
    static class Volume {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false)
        String title;
        @ManyToOne(optional = false)
        Shelf shelf;
    }

    @DatabaseTest(entities = {Shelf.class, Volume.class})
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FixturesTestCase {

        @Test
        @Order(1)
        @NonTransactional
        void fixturesCommit(Fixtures fixtures, DataSource dataSource, QueryLog queries) throws SQLException {
            Volume volume = fixtures.create(Volume.class); // and the shelf it needs
            assertThat(volume.id).isOne();
            assertThat(count(dataSource, "volume")).isOne();
            assertThat(count(dataSource, "shelf")).isOne();
            assertThat(queries.statements()).extracting(CapturedStatement::sql)
                    .noneMatch(sql -> sql.startsWith("INSERT")); // fixtures' statements are not the test's
        }

        @Test
        @Order(2)
        void theirTablesAreEmptiedAndIdentitiesStartOver(Fixtures fixtures, DataSource dataSource)
                throws SQLException {
            assertThat(count(dataSource, "volume")).isZero();
            assertThat(count(dataSource, "shelf")).isZero();
            assertThat(fixtures.create(Volume.class).id).isOne();
        }
    }

    @DatabaseTest(scripts = "committing.sql", transactional = false)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LeakTestCase {

        @Test
        void a_leavesAConnectionOpen(DataSource dataSource) throws SQLException {
            Connection leaked = dataSource.getConnection();
            leaked.setAutoCommit(false);
            execute(leaked, "INSERT INTO seats (id) VALUES (5)"); // never committed: rolled back when dbtest closes it
        }

        @Test
        void b_nothingWasCommitted(DataSource dataSource) throws SQLException {
            assertThat(count(dataSource, "seats")).isZero();
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClassRowsTestCase {

        @BeforeAll
        static void writeRows(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                execute(connection, "INSERT INTO seats (id) VALUES (9)");
            }
        }

        @Test
        @Order(1)
        @NonTransactional
        void committing() {
        }

        @Test
        @Order(2)
        void transactional(DataSource dataSource) throws SQLException {
            assertThat(count(dataSource, "seats")).isOne();
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    static class LifecycleAnnotatedTestCase {

        @BeforeEach
        @NonTransactional
        void setUp() {
        }

        @Test
        void test() {
        }
    }

    @DatabaseTest(scripts = "committing.sql")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentTestCase {

        @Test
        @NonTransactional
        void committing() {
        }
    }

    @DatabaseTest(scripts = "committing.sql", transactional = false)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class HoarderTestCase {

        @Test
        void a_holdsEveryConnection(DataSource dataSource) throws SQLException {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    held.add(dataSource.getConnection());
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }

        @Test
        void b_thePoolIsWhole(DataSource dataSource) throws SQLException {
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    held.add(dataSource.getConnection());
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }
}
