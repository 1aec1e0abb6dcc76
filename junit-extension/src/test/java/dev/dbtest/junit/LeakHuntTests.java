package dev.dbtest.junit;

import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.RunLifecycleTests.LeftoversProbe;
import dev.dbtest.junit.RunLifecycleTests.SuiteEndTestCase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static dev.dbtest.junit.Rows.insertItem;
import static dev.dbtest.junit.Rows.itemNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The leak hunt: 300 generated tests that commit, roll back, fail statements in auto-commit mode, nest savepoints,
 * work on executors and on {@code assertTimeoutPreemptively}'s thread, use fixtures, fail and throw from their body,
 * {@code @BeforeEach} and {@code @AfterEach}, in {@code @Nested} classes; run on 8 threads in a random order (the seed
 * printed), on H2 and PostgreSQL. Each test checks that it sees its own rows and no other test's. After the suite no
 * table has a row, no connection of the pool is in use, and no test left a handle open ({@code dbtest.leaks=fail}).
 */
class LeakHuntTests {

    private static final int REPETITIONS = 30;
    private static final int PLANNED_FAILURES = 4 * (REPETITIONS / 2);
    private static final int TESTS = 8 * REPETITIONS + 4 * (REPETITIONS / 2);

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void threeHundredConcurrentTestsLeaveNothingBehind(TestedDatabase database) {
        long seed = ThreadLocalRandom.current().nextLong();
        System.out.println("LeakHuntTests on " + database + ": junit.jupiter.execution.order.random.seed=" + seed);
        Map<String, String> parameters = new HashMap<>(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "same_thread",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8",
                "junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8",
                "junit.jupiter.testmethod.order.default", "org.junit.jupiter.api.MethodOrderer$Random",
                "junit.jupiter.execution.order.random.seed", String.valueOf(seed),
                "dbtest.leaks", "fail"));
        LeftoversProbe.rowsByTable.clear();
        LeftoversProbe.connectionsInUse.clear();
        HuntTestCase.threads.clear();

        EngineExecutionResults results = Kit.run(database, parameters, HuntTestCase.class, SuiteEndTestCase.class);

        System.out.println("LeakHuntTests on " + database + ": threads " + HuntTestCase.threads);
        List<Throwable> unplanned = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .filter(failure -> !(failure instanceof PlannedFailure))
                .toList();
        assertThat(unplanned).as("failures nobody planned (seed %d)", seed).isEmpty();
        assertThat(Kit.failures(results)).as("containers fail only through planned failures (seed %d)", seed)
                .allMatch(failure -> failure instanceof PlannedFailure);
        results.testEvents().assertStatistics(stats -> stats
                .started(TESTS + 1).succeeded(TESTS + 1 - PLANNED_FAILURES).failed(PLANNED_FAILURES));
        assertThat(HuntTestCase.threads).as("threads the tests ran on (seed %d)", seed).hasSizeGreaterThan(1);
        assertThat(LeftoversProbe.rowsByTable).as("rows left after the suite (seed %d)", seed)
                .containsOnlyKeys("items", "notes").allSatisfy((table, rows) -> assertThat(rows).isZero());
        assertThat(LeftoversProbe.connectionsInUse).as("pool connections in use after the suite (seed %d)", seed)
                .isNotEmpty().allMatch(inUse -> inUse == 0);
    }

    /** A failure the hunt makes on purpose: a test that fails must be rolled back like any other. */
    static final class PlannedFailure extends RuntimeException {
        PlannedFailure(String where) {
            super("planned failure in " + where);
        }
    }

    /** The {@code items} table of {@code schema.sql} as an entity, for the fixtures. */
    @Entity
    @Table(name = "items")
    static class Item {
        @Id
        Integer id;
        @Column(nullable = false, unique = true, length = 100)
        String name;
    }

    // --- the generated suite ---------------------------------------------------------------------------------------

    @DatabaseTest(scripts = "schema.sql")
    @Order(1)
    static class HuntTestCase {

        // Test code, not dbtest's: ids unique across the run, so that no two tests ever wait for the same key.
        static final AtomicInteger IDS = new AtomicInteger();
        static final java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        String owner;
        final List<String> mine = new ArrayList<>();

        @BeforeEach
        void name() {
            owner = "t" + IDS.incrementAndGet();
            threads.add(Thread.currentThread().getName());
        }

        String insert(Connection connection, String what) throws SQLException {
            String name = owner + "-" + what;
            insertItem(connection, IDS.incrementAndGet(), name);
            return name;
        }

        String insert(DataSource dataSource, String what) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                return insert(connection, what);
            }
        }

        /** Every row the test sees is one of its own, and it sees all that it kept. */
        void seesOnlyItsOwn(DataSource dataSource, String... kept) throws SQLException {
            assertThat(itemNames(dataSource)).as("rows seen by %s", owner).containsExactlyInAnyOrder(kept);
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void commitsThenRollsBack(DataSource dataSource) throws SQLException {
            String kept;
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                kept = insert(connection, "committed");
                connection.commit();
                insert(connection, "rolled-back");
                connection.rollback();
            }
            seesOnlyItsOwn(dataSource, kept);
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void survivesAFailedStatementInAutoCommitMode(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                String first = insert(connection, "first");
                assertThatThrownBy(() -> insertItem(connection, IDS.incrementAndGet(), first))
                        .isInstanceOf(SQLException.class);
                String second = insert(connection, "second");
                seesOnlyItsOwn(dataSource, first, second);
            }
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void nestsSavepoints(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                Savepoint outer = connection.setSavepoint();
                String a = insert(connection, "a");
                Savepoint inner = connection.setSavepoint("inner");
                insert(connection, "b");
                connection.rollback(inner);
                String c = insert(connection, "c");
                connection.releaseSavepoint(outer);
                connection.commit();
                seesOnlyItsOwn(dataSource, a, c);
            }
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void worksOnAnExecutor(DataSource dataSource) throws Exception {
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                var first = executor.submit(() -> insert(dataSource, "executor-1"));
                var second = executor.submit(() -> insert(dataSource, "executor-2"));
                seesOnlyItsOwn(dataSource, first.get(), second.get());
            } finally {
                executor.shutdown();
            }
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void runsItsBodyOnTheTimeoutThread(DataSource dataSource) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                String row = insert(dataSource, "preemptive");
                seesOnlyItsOwn(dataSource, row);
            });
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void usesFixtures(Fixtures fixtures, DataSource dataSource) throws SQLException {
            Item item = fixtures.create(Item.class, it -> {
                it.id = IDS.incrementAndGet();
                it.name = owner + "-fixture";
            });
            String own = insert(dataSource, "own");
            seesOnlyItsOwn(dataSource, item.name, own);
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS)
        void writesNotesAndItems(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement note = connection.prepareStatement("INSERT INTO notes (id, body) VALUES (?, ?)")) {
                note.setInt(1, IDS.incrementAndGet());
                note.setString(2, owner);
                note.executeUpdate();
                String item = insert(connection, "with-note");
                assertThat(Rows.queryString(connection, "SELECT COUNT(*) FROM notes")).isEqualTo("1");
                seesOnlyItsOwn(dataSource, item);
            }
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS / 2)
        void failsOnPurpose(DataSource dataSource) throws SQLException {
            insert(dataSource, "before-failing");
            throw new PlannedFailure("the body of " + owner);
        }

        @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

        @RepeatedTest(REPETITIONS / 2)
        void failsOnPurposeOnAnotherThread(DataSource dataSource) throws Throwable {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                executor.submit(() -> insert(dataSource, "other-thread")).get();
            } finally {
                executor.shutdown();
            }
            throw new PlannedFailure("the body of " + owner + ", after work on another thread");
        }

        @Nested
        class WithLifecycle {

            String fromBeforeEach;

            @BeforeEach
            void insertARow(DataSource dataSource, TestInfo test) throws SQLException {
                fromBeforeEach = insert(dataSource, "before-each");
                if (test.getTestMethod().orElseThrow().getName().equals("beforeEachThrows")) {
                    throw new PlannedFailure("@BeforeEach of " + owner);
                }
            }

            @AfterEach
            void checkAndInsertARow(DataSource dataSource, TestInfo test) throws SQLException {
                insert(dataSource, "after-each");
                if (test.getTestMethod().orElseThrow().getName().equals("afterEachThrows")) {
                    throw new PlannedFailure("@AfterEach of " + owner);
                }
            }

            @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

            @RepeatedTest(REPETITIONS)
            void seesTheRowOfItsBeforeEach(DataSource dataSource) throws SQLException {
                String own = insert(dataSource, "own");
                seesOnlyItsOwn(dataSource, fromBeforeEach, own);
            }

            @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

            @RepeatedTest(REPETITIONS / 2)
            void beforeEachThrows() {
                throw new AssertionError("never runs: its @BeforeEach throws");
            }

            @Execution(ExecutionMode.CONCURRENT) // a MethodOrderer alone would run them on one thread

            @RepeatedTest(REPETITIONS / 2)
            void afterEachThrows(DataSource dataSource) throws SQLException {
                seesOnlyItsOwn(dataSource, fromBeforeEach);
            }
        }
    }
}
