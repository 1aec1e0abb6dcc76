package dev.dbtest.junit;

import dev.dbtest.core.Dialect;
import dev.dbtest.junit.internal.DbTestRuntime;
import dev.dbtest.junit.internal.SchemaDatabase;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The run as a whole: the database starts once, and when every test is done nothing is left behind. */
class RunLifecycleTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void theDatabaseStartsOnceForSeveralTestClasses(TestedDatabase database) {
        ServerIdentityTestCase.seen.clear();
        Kit.assertAllPassed(Kit.run(database, ServerIdentityTestCase.First.class, ServerIdentityTestCase.Second.class,
                ServerIdentityTestCase.OtherSchema.class), 3);
        List<String[]> seen = ServerIdentityTestCase.seen;
        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(identity -> identity[0]).as("server identity").containsOnly(seen.get(0)[0]);
        assertThat(seen.get(1)[1]).as("the same scripts share a database").isEqualTo(seen.get(0)[1]);
        assertThat(seen.get(2)[1]).as("other scripts get their own database").isNotEqualTo(seen.get(0)[1]);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void afterTheWholeSuiteEveryTableIsEmptyAndNoConnectionIsInUse(TestedDatabase database) {
        LeftoversProbe.rowsByTable.clear();
        LeftoversProbe.connectionsInUse.clear();
        EngineExecutionResults results = Kit.run(database, Map.of("junit.jupiter.testmethod.order.default",
                        "org.junit.jupiter.api.MethodOrderer$MethodName"),
                TransactionContractTests.RowPerTestTestCase.class,
                TransactionContractTests.CommitTestCase.class,
                TransactionContractTests.RollbackAfterCommitTestCase.class,
                TransactionContractTests.BeforeEachAndFailuresTestCase.class,
                TransactionContractTests.OtherThreadTestCase.class,
                TransactionContractTests.AutoCommitTestCase.class,
                TransactionContractTests.FirstStatementFailsTestCase.class,
                TransactionContractTests.FirstStatementAfterBeforeEachTestCase.class,
                TransactionContractTests.DdlTestCase.class,
                TransactionContractTests.SessionStateTestCase.class,
                TransactionContractTests.SessionStateOnClassConnectionTestCase.class,
                TransactionContractTests.SavepointsAndHandlesTestCase.class,
                TransactionContractTests.RollbackKeepsAutoCommittedTestCase.class,
                TransactionContractTests.SqlTransactionControlTestCase.class,
                ClassScopedDataSourceTests.BeforeAllRowsTestCase.class,
                ClassScopedDataSourceTests.ConstructorTestCase.class,
                CompositionTests.NestedTestCase.class,
                CompositionTests.NestedUnderBeforeAllTestCase.class,
                CompositionTests.InvocationsTestCase.class,
                SuiteEndTestCase.class);
        // The failures the test cases are written to produce, and nothing else.
        assertThat(Kit.failures(results)).extracting(Throwable::getMessage)
                .allMatch(message -> message.startsWith("the test fails after writing")
                        || message.startsWith("the test throws after writing")
                        || message.startsWith("Transaction control sent as SQL is refused inside a test: COMMIT")
                        || message.startsWith("DDL inside a test is refused on H2"))
                .hasSize(database == TestedDatabase.H2 ? 4 : 3);
        results.testEvents().assertStatistics(stats -> stats.succeeded(database == TestedDatabase.H2 ? 53 : 56));
        assertThat(LeftoversProbe.rowsByTable).as("tables inspected").containsKeys("items", "notes", "tags");
        assertThat(LeftoversProbe.rowsByTable).as("rows left per table").allSatisfy((table, rows) ->
                assertThat(rows).as(table).isZero());
        assertThat(LeftoversProbe.connectionsInUse).as("pooled connections in use").isNotEmpty().containsOnly(0);
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    static class ServerIdentityTestCase {

        static final List<String[]> seen = new CopyOnWriteArrayList<>();

        static void record(TestDatabase database, DataSource dataSource) throws SQLException {
            String server = database.dialect() == Dialect.POSTGRESQL
                    ? Rows.queryString(dataSource.getConnection(), "SELECT system_identifier FROM pg_control_system()")
                    + " started " + Rows.queryString(dataSource.getConnection(), "SELECT pg_postmaster_start_time()")
                    : database.url().replaceFirst("jdbc:h2:mem:dbtest_[0-9a-f]+_", "").replaceFirst(";.*", "");
            seen.add(new String[] {server, database.schemaName()});
        }

        @DatabaseTest(scripts = "schema.sql")
        @Order(1)
        static class First {
            @Test
            void records(TestDatabase database, DataSource dataSource) throws SQLException {
                record(database, dataSource);
            }
        }

        @DatabaseTest(scripts = "schema.sql")
        @Order(2)
        static class Second {
            @Test
            void records(TestDatabase database, DataSource dataSource) throws SQLException {
                record(database, dataSource);
            }
        }

        @DatabaseTest(scripts = {"schema.sql", "extra.sql"})
        @Order(3)
        static class OtherSchema {
            @Test
            void records(TestDatabase database, DataSource dataSource) throws SQLException {
                record(database, dataSource);
            }
        }
    }

    /** Runs last; its probe looks into every database of the run once all other classes are done. */
    @ExtendWith(LeftoversProbe.class)
    @Order(Integer.MAX_VALUE)
    static class SuiteEndTestCase {
        @Test
        void marksTheEndOfTheSuite() {
        }
    }

    /** Counts the rows of every table of every database the run made, through the pool, outside any transaction. */
    static class LeftoversProbe implements AfterAllCallback {

        static final Map<String, Integer> rowsByTable = new ConcurrentHashMap<>();
        static final List<Integer> connectionsInUse = new CopyOnWriteArrayList<>();

        @Override
        public void afterAll(ExtensionContext context) throws SQLException {
            DbTestRuntime runtime = context.getRoot().getStore(DatabaseTestExtension.NAMESPACE)
                    .get(DbTestRuntime.class, DbTestRuntime.class);
            for (SchemaDatabase database : runtime.databases()) {
                connectionsInUse.add(database.pool().getHikariPoolMXBean().getActiveConnections());
                try (Connection connection = database.pool().getConnection()) {
                    for (String table : tables(connection)) {
                        rowsByTable.merge(table, Integer.parseInt(Rows.queryString(connection,
                                "SELECT COUNT(*) FROM " + table)), Integer::sum);
                    }
                }
            }
        }

        private static List<String> tables(Connection connection) throws SQLException {
            List<String> tables = new ArrayList<>();
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet rows = metaData.getTables(null, "public", "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    tables.add(rows.getString("TABLE_NAME"));
                }
            }
            return tables;
        }
    }
}
