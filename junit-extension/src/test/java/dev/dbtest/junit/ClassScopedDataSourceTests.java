package dev.dbtest.junit;

import dev.dbtest.core.DbTestException;
import dev.dbtest.junit.internal.Messages;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static dev.dbtest.junit.Rows.insertItem;
import static dev.dbtest.junit.Rows.itemNames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md point 6: a DataSource injected into {@code @BeforeAll} or a constructor routes to the running test's
 * transaction; rows written in {@code @BeforeAll} live for the class, each test's own are gone after it.
 */
class ClassScopedDataSourceTests {

    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void rowsFromBeforeAllAreSeenByEveryTestAndGoneAfterTheClassInBothOrders(TestedDatabase database) {
        for (String order : List.of("org.junit.jupiter.api.MethodOrderer$MethodName", ReverseMethodName.class.getName())) {
            Kit.assertAllPassed(Kit.run(database, Map.of("junit.jupiter.testmethod.order.default", order),
                    BeforeAllRowsTestCase.class, AfterTheClassTestCase.class), 3);
        }
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void aDataSourceInjectedIntoTheConstructorWorksInEachTestsTransaction(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, ConstructorTestCase.class, AfterTheClassTestCase.class), 3);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void inAConcurrentClassAThreadOfNoTestIsRefusedWithTheReason(TestedDatabase database) {
        ConcurrentRoutingTestCase.refusals.clear();
        Kit.assertAllPassed(Kit.run(database, PARALLEL, ConcurrentRoutingTestCase.class), 2);
        assertThat(ConcurrentRoutingTestCase.refusals).hasSize(2).allSatisfy(message -> assertThat(message)
                .isEqualTo(Messages.routedFromForeignThread(ConcurrentRoutingTestCase.class.getName(), "outsider", 2)
                        .getMessage()));
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void inAConcurrentClassBeforeAllWritesAreRefusedWithTheReason(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, PARALLEL, ConcurrentBeforeAllWritesTestCase.class);
        assertThat(Kit.failures(results)).singleElement(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(DbTestException.class)
                .hasMessage(Messages.classWritesInConcurrentClass(ConcurrentBeforeAllWritesTestCase.class.getName())
                        .getMessage());
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    @Order(1)
    static class BeforeAllRowsTestCase {

        static DataSource shared;

        @BeforeAll
        static void insertRowsForTheClass(DataSource dataSource) throws SQLException {
            shared = dataSource;
            insertItem(dataSource, 1, "for the class");
        }

        @Test
        void a() throws SQLException {
            assertThat(itemNames(shared)).containsExactly("for the class");
            insertItem(shared, 2, "from a");
            assertThat(itemNames(shared)).containsExactly("for the class", "from a");
        }

        @Test
        void b(DataSource own) throws SQLException {
            assertThat(itemNames(shared)).containsExactly("for the class");
            insertItem(shared, 2, "from b");
            assertThat(itemNames(own)).as("the test's own DataSource shares the transaction")
                    .containsExactly("for the class", "from b");
        }

        @AfterAll
        static void seesOnlyTheClassRows() throws SQLException {
            assertThat(itemNames(shared)).containsExactly("for the class");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(2)
    static class ConstructorTestCase {

        private final DataSource dataSource;

        ConstructorTestCase(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Test
        void a() throws SQLException {
            insertItem(dataSource, 1, "from a");
            assertThat(itemNames(dataSource)).containsExactly("from a");
        }

        @Test
        void b() throws SQLException {
            insertItem(dataSource, 1, "from b");
            assertThat(itemNames(dataSource)).containsExactly("from b");
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Order(3)
    static class AfterTheClassTestCase {

        @Test
        void nothingIsLeft(DataSource dataSource) throws SQLException {
            assertThat(itemNames(dataSource)).isEmpty();
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentRoutingTestCase {

        static final List<String> refusals = new CopyOnWriteArrayList<>();
        static final CyclicBarrier bothRunning = new CyclicBarrier(2);
        static DataSource shared;

        @BeforeAll
        static void keep(DataSource dataSource) {
            shared = dataSource;
        }

        @Test
        void a() throws Exception {
            runBesideTheOtherTest(1, "from a");
        }

        @Test
        void b() throws Exception {
            runBesideTheOtherTest(2, "from b");
        }

        private static void runBesideTheOtherTest(int id, String name) throws Exception {
            bothRunning.await(20, TimeUnit.SECONDS);
            insertItem(shared, id, name);
            assertThat(itemNames(shared)).as("on its own thread each test gets its own transaction")
                    .containsExactly(name);
            ExecutorService outsider = Executors.newSingleThreadExecutor(task -> new Thread(task, "outsider"));
            try {
                Future<?> attempt = outsider.submit(() -> shared.getConnection());
                try {
                    attempt.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    refusals.add(e.getCause().getMessage());
                }
            } finally {
                outsider.shutdownNow();
            }
            bothRunning.await(20, TimeUnit.SECONDS);
        }
    }

    @DatabaseTest(scripts = "schema.sql")
    @Execution(ExecutionMode.CONCURRENT)
    static class ConcurrentBeforeAllWritesTestCase {

        @BeforeAll
        static void writeForTheClass(DataSource dataSource) throws SQLException {
            insertItem(dataSource, 1, "for the class");
        }

        @Test
        void a() {
        }

        @Test
        void b() {
        }
    }
}
