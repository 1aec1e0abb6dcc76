package dev.dbtest.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbtest.junit.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The contenders of {@link IsolationBenchmark}: one suite of tests, each inserting {@value #ROWS} rows into two of the
 * 20 tables of {@code isolation-schema.sql} and reading them back, run under each way of isolating tests. Every
 * contender does {@link #work} on one connection; only what surrounds it differs.
 */
final class IsolationCases {

    static final int TABLES = 20;
    static final int ROWS = 10;
    /** The configuration parameter that sets how many tests each contender runs. */
    static final String TESTS = "bench.tests";
    /**
     * The configuration parameter that sets how many tests each empty contender (a class named {@code Empty...}) runs:
     * more than {@link #TESTS}, as an empty test takes microseconds, and a round of few would be decided by one pause.
     */
    static final String EMPTY_TESTS = "bench.empty-tests";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    /**
     * Each contender's pool, on a database of its own (the same schema), so that no contender cleans up after another:
     * a truncation would also clear the dead rows that another's rollbacks left.
     */
    static volatile Map<Class<?>, HikariDataSource> pools;
    /** Where {@link TemplateClone} makes its databases: the server's admin URL (any database but the template). */
    static volatile String adminUrl;
    static volatile String username;
    static volatile String password;

    private IsolationCases() {
    }

    /** The test's work: {@value #ROWS} rows into two tables, in one batch each, then each table read back. */
    static void work(Connection connection, int test, boolean isolated) throws SQLException {
        int first = test % TABLES + 1;
        int second = (test * 7 + 3) % TABLES + 1;
        if (second == first) {
            second = first % TABLES + 1;
        }
        String tag = "test-" + test;
        for (int table : new int[] {first, second}) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table(table) + " (tag, name, amount, created_at) VALUES (?, ?, ?, ?)")) {
                for (int row = 0; row < ROWS / 2; row++) {
                    insert.setString(1, tag);
                    insert.setString(2, "row " + row + " of " + tag);
                    insert.setInt(3, row);
                    insert.setObject(4, EPOCH.plusMinutes(test));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        for (int table : new int[] {first, second}) {
            int mine = 0;
            int others = 0;
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT tag, name, amount FROM " + table(table))) {
                while (rows.next()) {
                    if (rows.getString(1).equals(tag)) {
                        mine++;
                    } else {
                        others++;
                    }
                }
            }
            if (mine != ROWS / 2 || isolated && others != 0) {
                throw new AssertionError(tag + " read " + mine + " of its rows and " + others + " of other tests' from "
                        + table(table) + (isolated ? ": the isolation failed" : ""));
            }
        }
    }

    static String table(int number) {
        return String.format("bench_t%02d", number);
    }

    /** All tables, parents before children. */
    static List<String> tables() {
        return IntStream.rangeClosed(1, TABLES).mapToObj(IsolationCases::table).toList();
    }

    static void truncateAll(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // What database cleaners send on PostgreSQL (DatabaseCleaner's truncation strategy, Rails' fixtures).
            statement.execute("TRUNCATE TABLE " + String.join(", ", tables()) + " RESTART IDENTITY CASCADE");
        }
    }

    /** Repeats a test {@code bench.tests} times, each a test of its own (its own {@code @BeforeEach}, transaction). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @TestTemplate
    @ExtendWith(Repeat.class)
    @interface SuiteOfTests {
    }

    /** The number of the running test, 0 to {@code bench.tests - 1}. */
    record Nth(int value) {
    }

    static final class Repeat implements TestTemplateInvocationContextProvider {

        @Override
        public boolean supportsTestTemplate(ExtensionContext context) {
            return true;
        }

        @Override
        public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
            String key = context.getRequiredTestClass().getSimpleName().startsWith("Empty") ? EMPTY_TESTS : TESTS;
            int tests = context.getConfigurationParameter(key).map(Integer::parseInt).orElseThrow();
            return IntStream.range(0, tests).mapToObj(n -> new TestTemplateInvocationContext() {
                @Override
                public String getDisplayName(int invocationIndex) {
                    return "test " + n;
                }

                @Override
                public List<Extension> getAdditionalExtensions() {
                    return List.of(new ParameterResolver() {
                        @Override
                        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                            return parameter.getParameter().getType() == Nth.class;
                        }

                        @Override
                        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                            return new Nth(n);
                        }
                    });
                }
            });
        }
    }

    /** The same work with no isolation at all, in auto-commit mode: what every strategy's overhead is measured from. */
    static class WorkAlone {
        @SuiteOfTests
        void test(Nth n) throws SQLException {
            try (Connection connection = pools.get(WorkAlone.class).getConnection()) {
                work(connection, n.value(), false);
            }
        }

        @AfterAll
        static void removeTheRows() throws SQLException {
            try (Connection connection = pools.get(WorkAlone.class).getConnection()) {
                truncateAll(connection); // after the timed suite: the next round starts from empty tables
            }
        }
    }

    /** dbtest: the test's connection is rolled back after it. */
    @DatabaseTest(scripts = "isolation-schema.sql")
    static class Dbtest {
        @SuiteOfTests
        void test(Nth n, DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                work(connection, n.value(), true);
            }
        }
    }

    /**
     * dbtest as before d4e5786, which recorded the stack at every {@code getConnection()} for leak reports: run with
     * {@code dbtest.leaks.sites=always}, to measure what that walk costs a suite. Its tests are {@link Dbtest}'s,
     * inherited with its {@code @DatabaseTest}.
     */
    static class DbtestSitesAlways extends Dbtest {
    }

    /**
     * dbtest with {@code dbtest.queries.callers=false}: no stack walk for a statement's caller. Its tests are
     * {@link Dbtest}'s, inherited with its {@code @DatabaseTest}.
     */
    static class DbtestNoCallers extends Dbtest {
    }

    /**
     * dbtest, with the code's connection in a transaction (auto-commit off), as the code's connection is under Spring's
     * {@code @Transactional} (or with JPA): the statements run without the savepoint each that dbtest's emulated
     * auto-commit gives them.
     */
    @DatabaseTest(scripts = "isolation-schema.sql")
    static class DbtestAutoCommitOff {
        @SuiteOfTests
        void test(Nth n, DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                work(connection, n.value(), true);
            }
        }
    }

    /** Spring's TestContext framework: a {@code @Transactional} test, rolled back by Spring after it. */
    @SpringJUnitConfig(SpringConfig.class)
    @Transactional
    static class SpringTransactional {
        @Autowired
        DataSource dataSource;

        @SuiteOfTests
        void test(Nth n) throws SQLException {
            // How JDBC code joins Spring's transaction (JdbcTemplate does the same underneath).
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                work(connection, n.value(), true);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** The Spring application context of {@link SpringTransactional}: the shared pool and its transaction manager. */
    @Configuration
    static class SpringConfig {
        @Bean
        DataSource dataSource() {
            return pools.get(SpringTransactional.class);
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }
    }

    /** Database cleaners' way: the test commits, then every table is truncated. */
    static class Truncate {
        @SuiteOfTests
        void test(Nth n) throws SQLException {
            try (Connection connection = pools.get(Truncate.class).getConnection()) {
                work(connection, n.value(), true);
            }
        }

        @AfterEach
        void truncate() throws SQLException {
            try (Connection connection = pools.get(Truncate.class).getConnection()) {
                truncateAll(connection);
            }
        }
    }

    /** The test commits, then {@code DELETE FROM} every table, children first, sent as one batch. */
    static class Delete {
        @SuiteOfTests
        void test(Nth n) throws SQLException {
            try (Connection connection = pools.get(Delete.class).getConnection()) {
                work(connection, n.value(), true);
            }
        }

        @AfterEach
        void delete() throws SQLException {
            try (Connection connection = pools.get(Delete.class).getConnection(); Statement statement = connection.createStatement()) {
                List<String> childrenFirst = new ArrayList<>(tables());
                Collections.reverse(childrenFirst);
                for (String table : childrenFirst) {
                    statement.addBatch("DELETE FROM " + table);
                }
                statement.executeBatch();
            }
        }
    }

    /** pgtestdb's and IntegreSQL's way: a database cloned from a template for each test, dropped after it. */
    static class TemplateClone {
        private static final AtomicLong CLONES = new AtomicLong();
        private String database;
        private Connection connection;

        @BeforeEach
        void cloneTheTemplate() throws SQLException {
            database = "bench_clone_" + CLONES.incrementAndGet();
            try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + database + " TEMPLATE bench_template");
            }
            connection = DriverManager.getConnection(adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"),
                    username, password);
        }

        @SuiteOfTests
        void test(Nth n) throws SQLException {
            work(connection, n.value(), true);
        }

        @AfterEach
        void dropTheClone() throws SQLException {
            connection.close();
            try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE " + database);
            }
        }
    }

    /** The raw floor: plain JDBC around the same work, {@code autoCommit} off, one savepoint, a rollback. */
    static class RawFloor {
        @SuiteOfTests
        void test(Nth n) throws SQLException {
            try (Connection connection = pools.get(RawFloor.class).getConnection()) {
                connection.setAutoCommit(false);
                connection.setSavepoint();
                work(connection, n.value(), true);
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    /** Empty tests with plain JUnit: what the empty contenders' overhead is measured from. */
    static class EmptyPlain {
        @SuiteOfTests
        void test(Nth n) {
        }
    }

    /** Empty tests with dbtest. */
    @DatabaseTest(scripts = "isolation-schema.sql")
    static class EmptyDbtest {
        @SuiteOfTests
        void test(Nth n) {
        }
    }

    /** Empty {@code @Transactional} tests with Spring's TestContext framework. */
    @SpringJUnitConfig(SpringConfig.class)
    @Transactional
    static class EmptySpringTransactional {
        @SuiteOfTests
        void test(Nth n) {
        }
    }

    /**
     * Not a contender: an extension with the callbacks dbtest's extension has, each doing nothing but what every
     * extension does (a value put in the test's store and taken out again), so that the report can tell JUnit's own
     * cost of calling them from dbtest's work in them.
     */
    static final class CallbacksOnly implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
            AfterEachCallback, BeforeTestExecutionCallback, AfterTestExecutionCallback, ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
                CallbacksOnly.class);

        @Override
        public void beforeAll(ExtensionContext context) {
        }

        @Override
        public void afterAll(ExtensionContext context) {
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NAMESPACE).put(CallbacksOnly.class, this);
        }

        @Override
        public void afterEach(ExtensionContext context) {
            context.getStore(NAMESPACE).remove(CallbacksOnly.class);
        }

        @Override
        public void beforeTestExecution(ExtensionContext context) {
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return false;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            throw new UnsupportedOperationException("resolves nothing");
        }
    }

    /** Empty tests with {@link CallbacksOnly}. */
    @ExtendWith(CallbacksOnly.class)
    static class EmptyCallbacksOnly {
        @SuiteOfTests
        void test(Nth n) {
        }
    }
}
