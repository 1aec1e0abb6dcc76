package dev.dbtest.junit;

import dev.dbtest.assertions.DbAssertions;
import dev.dbtest.assertions.ExpectQueries;
import dev.dbtest.assertions.MaxQueries;
import dev.dbtest.assertions.QueryLog;
import dev.dbtest.core.CapturedStatement;
import dev.dbtest.core.StatementType;
import dev.dbtest.fixtures.Fixtures;
import dev.dbtest.junit.blog.Article;
import dev.dbtest.junit.blog.Author;
import dev.dbtest.junit.blog.Label;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Statement capture, QueryLog, N+1 detection, declarative counts and query budgets (issue 5), on H2 and PostgreSQL. */
class QueryCaptureTests {

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void everyStatementOfTheCodeUnderTestIsCapturedAndNothingOfDbtests(TestedDatabase database) {
        Kit.assertAllPassed(Kit.run(database, CaptureTestCase.class), 8);
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void declarativeCountsFailTheTestWithTheStatements(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, DeclarativeTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(3).failed(2));
        assertThat(Kit.failures(results)).extracting(Throwable::getMessage).containsExactlyInAnyOrder(
                "[@ExpectQueries(select=1) on twoSelects()] \nExpecting 1 SELECT statement but 2 ran.\n"
                        + "Captured statements (2):\n"
                        + "  1. SELECT select count(*) from authors\n"
                        + "       caller: QueryCaptureTests$DeclarativeTestCase.twoSelects(QueryCaptureTests.java:" + DeclarativeTestCase.LINE
                        + ")\n"
                        + "  2. SELECT select count(*) from authors\n"
                        + "       caller: QueryCaptureTests$DeclarativeTestCase.twoSelects(QueryCaptureTests.java:" + DeclarativeTestCase.LINE
                        + ")",
                "[@MaxQueries(total=2) on threeStatementsUnderAClassLimitOfTwo()] \nExpecting at most 2 statements "
                        + "but 3 ran.\nCaptured statements (3):\n"
                        + "  1. SELECT select count(*) from authors\n"
                        + "       caller: QueryCaptureTests$DeclarativeTestCase.count(QueryCaptureTests.java:" + DeclarativeTestCase.COUNT_LINE
                        + ")\n"
                        + "  2. SELECT select count(*) from authors\n"
                        + "       caller: QueryCaptureTests$DeclarativeTestCase.count(QueryCaptureTests.java:" + DeclarativeTestCase.COUNT_LINE
                        + ")\n"
                        + "  3. SELECT select count(*) from authors\n"
                        + "       caller: QueryCaptureTests$DeclarativeTestCase.count(QueryCaptureTests.java:" + DeclarativeTestCase.COUNT_LINE
                        + ")");
    }

    @Test
    void findingCallersCanBeSwitchedOff() {
        EngineExecutionResults results = Kit.run(TestedDatabase.H2, Map.of("dbtest.queries.callers", "false"),
                NPlusOneTestCase.class);
        assertThat(Kit.failures(results)).singleElement().extracting(Throwable::getMessage).asString()
                .contains("ran 5 times, with 5 different parameter sets, from unknown (dbtest.queries.callers=false)");
    }

    @ParameterizedTest
    @EnumSource(TestedDatabase.class)
    void anNPlusOneIsNamedWithItsStatementCountAndCaller(TestedDatabase database) {
        EngineExecutionResults results = Kit.run(database, NPlusOneTestCase.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(1).failed(1));
        assertThat(Kit.failures(results)).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("\nExpecting no SELECT to run more than 1 time with different parameters, but this one "
                        + "did (N+1 queries):\n"
                        + "  SELECT name FROM authors WHERE id = ?\n"
                        + "    ran 5 times, with 5 different parameter sets, from QueryCaptureTests$NPlusOneTestCase.authorName("
                        + "QueryCaptureTests.java:" + NPlusOneTestCase.LINE + ")\n");
    }

    @Test
    void budgetsAreWrittenVerifiedAndAGrowingProfileFailsWithTheDiff(@TempDir Path directory) throws Exception {
        Map<String, String> update = Map.of("dbtest.queries.budget", "update",
                "dbtest.queries.budget-dir", directory.toString(), "dbtest.queries.report-dir", directory.toString());
        BudgetTestCase.selects = 2;
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, update, BudgetTestCase.class), 4);
        Path file = directory.resolve(BudgetTestCase.class.getName() + ".yml");
        assertThat(Files.readString(file)).isEqualTo("# Query budget of " + BudgetTestCase.class.getName()
                + ", written by dbtest with -Ddbtest.queries.budget=update.\n"
                + "# Per test: each statement (normalized), its type and how often it ran. CI runs with "
                + "-Ddbtest.queries.budget=verify and fails a test whose queries grew.\n"
                + "\"counts(int, DataSource) [1]\":\n"
                + "  - {type: SELECT, count: 1, sql: \"select name from authors\"}\n"
                + "\"counts(int, DataSource) [2]\":\n"
                + "  - {type: SELECT, count: 2, sql: \"select name from authors\"}\n"
                + "\"listsAuthors(DataSource)\":\n"
                + "  - {type: SELECT, count: 2, sql: \"select count(*) from authors where name <> ?\"}\n"
                + "  - {type: SELECT, count: 1, sql: \"select name from authors\"}\n"
                + "\"writesNothing()\": {}\n");

        Map<String, String> verify = Map.of("dbtest.queries.budget", "verify",
                "dbtest.queries.budget-dir", directory.toString(), "dbtest.queries.report-dir", directory.toString());
        Kit.assertAllPassed(Kit.run(TestedDatabase.H2, verify, BudgetTestCase.class), 4);
        BudgetTestCase.selects = 1;                              // shrank: passes, and says so
        EngineExecutionResults shrunk = Kit.run(TestedDatabase.H2, verify, BudgetTestCase.class);
        Kit.assertAllPassed(shrunk, 4);
        assertThat(shrunk.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .flatMap(entry -> entry.getKeyValuePairs().values().stream()))
                .singleElement().asString().startsWith("The queries of QueryCaptureTests$BudgetTestCase.listsAuthors("
                        + "DataSource) shrank below its budget in " + file + " (run with -Ddbtest.queries.budget=update "
                        + "to lower it):\n  SELECT select count(*) from authors where name <> ?   2 -> 1");

        BudgetTestCase.selects = 5;                              // grew: fails with the diff and the command
        EngineExecutionResults grown = Kit.run(TestedDatabase.H2, verify, BudgetTestCase.class);
        assertThat(Kit.failures(grown)).singleElement().extracting(Throwable::getMessage).isEqualTo(
                "The queries of QueryCaptureTests$BudgetTestCase.listsAuthors(DataSource) grew past its budget in " + file
                        + ":\n"
                        + "  SELECT select count(*) from authors where name <> ?   2 -> 5\n"
                        + "If the change is intended, accept it and commit the file:\n"
                        + "  mvn test -Dtest=QueryCaptureTests*BudgetTestCase -Ddbtest.queries.budget=update");

        assertThat(Files.readString(directory.resolve("queries.json")))
                .contains("\"class\": \"" + BudgetTestCase.class.getName() + "\", \"test\": \"listsAuthors(DataSource)\", "
                        + "\"total\": 6, \"counts\": {\"SELECT\": 6, \"INSERT\": 0");
        assertThat(Files.readString(directory.resolve("queries.md")))
                .contains("| QueryCaptureTests$BudgetTestCase.listsAuthors(DataSource) | 6 | 0 | 0 | 0 | 0 | 0 | 5× `select count(*) "
                        + "from authors where name <> ?`");
    }

    /** The line of this file that ends with {@code // line: <marker>}, as a caller names it. */
    static int lineOf(String marker) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/dbtest/junit/QueryCaptureTests.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).endsWith("// line: " + marker)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no line marked " + marker);
    }

    static List<String> names(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select name from authors")) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString(1));
            }
            return names;
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class CaptureTestCase {

        @BeforeEach
        void setUp(DataSource dataSource, Fixtures fixtures) throws SQLException {
            fixtures.createList(Author.class, 3);                // fixtures are never captured
            names(dataSource);                                  // @BeforeEach: not in the test body's log
        }

        @Test
        void sqlParametersTypeBatchCallerAndThreadAreRecorded(DataSource dataSource, QueryLog queries)
                throws SQLException {
            assertThat(queries.statements()).isEmpty();
            try (Connection connection = dataSource.getConnection()) {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT email FROM authors WHERE name = ? AND active = ?")) {
                    select.setString(1, "name-1");
                    select.setBoolean(2, false);
                    select.executeQuery().close();
                }
                try (PreparedStatement update = connection.prepareStatement("UPDATE authors SET bio = ? WHERE id > ?")) {
                    for (int i = 0; i < 3; i++) {
                        update.setString(1, "bio " + i);
                        update.setLong(2, i);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("/* cleanup */ DELETE FROM authors WHERE bio = 'none'");
                }
            }
            List<CapturedStatement> statements = queries.statements();
            assertThat(statements).extracting(CapturedStatement::type)
                    .containsExactly(StatementType.SELECT, StatementType.UPDATE, StatementType.DELETE);
            CapturedStatement select = statements.get(0);
            assertThat(select.sql()).isEqualTo("SELECT email FROM authors WHERE name = ? AND active = ?");
            assertThat(select.parameters()).containsExactly("name-1", false);
            assertThat(select.batchSize()).isZero();
            assertThat(select.caller()).startsWith("QueryCaptureTests$CaptureTestCase.sqlParametersTypeBatchCallerAndThreadAreRecorded("
                    + "QueryCaptureTests.java:");
            assertThat(select.onTestThread()).isTrue();
            assertThat(select.failed()).isFalse();
            assertThat(statements.get(1).batchSize()).isEqualTo(3);
            assertThat(statements.get(1).parameters()).containsExactly("bio 0", 0L);   // the first row's
            assertThat(statements.get(2).parameters()).isEmpty();
            DbAssertions.assertThat(queries).hasSelectCount(1).hasUpdateCount(1).hasDeleteCount(1).hasTotalCount(3)
                    .containsStatementMatching("DELETE FROM authors WHERE bio = 'none'");
        }

        @Test
        void aStatementRunThroughReflectionNamesTheCodeThatCalledReflection(DataSource dataSource, QueryLog queries)
                throws Exception {
            java.lang.reflect.Method executeQuery = Statement.class.getMethod("executeQuery", String.class);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                // Enough calls that the JDK replaces its native accessor by a generated one (after 15 on JDK 17).
                for (int i = 0; i < 20; i++) {
                    ((ResultSet) executeQuery.invoke(statement, "SELECT name FROM authors")).close();
                }
            }
            assertThat(queries.statements()).hasSize(20).allSatisfy(statement -> assertThat(statement.caller())
                    .as("the reflection frames between the statement and this method are the JDK's")
                    .startsWith("QueryCaptureTests$CaptureTestCase.aStatementRunThroughReflectionNamesTheCodeThatCalledReflection("
                            + "QueryCaptureTests.java:"));
        }

        @Test
        void changesThroughAResultSetLargeUpdatesAndEmptyBatchesAreCapturedAsWhatTheySend(DataSource dataSource,
                QueryLog queries) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_UPDATABLE);
                     ResultSet rows = statement.executeQuery("SELECT id, bio FROM authors")) {
                    rows.next();
                    rows.updateString("bio", "changed");
                    rows.updateRow();
                }
                try (Statement statement = connection.createStatement()) {
                    assertThat(statement.executeLargeUpdate("UPDATE authors SET bio = 'all'")).isEqualTo(3);
                    statement.executeBatch();                   // empty: sends nothing
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO labels (id, name) VALUES (?, ?)")) {
                    insert.executeBatch();                      // empty: sends nothing
                }
            }
            assertThat(queries.statements()).extracting(CapturedStatement::type, CapturedStatement::sql).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(StatementType.SELECT, "SELECT id, bio FROM authors"),
                    org.assertj.core.groups.Tuple.tuple(StatementType.UPDATE,
                            "ResultSet.updateRow() on the rows of: SELECT id, bio FROM authors"),
                    org.assertj.core.groups.Tuple.tuple(StatementType.UPDATE, "UPDATE authors SET bio = 'all'"));
        }

        @Test
        void transactionControlAndFixturesAreNotCapturedAndAFailedStatementIs(DataSource dataSource, QueryLog queries,
                Fixtures fixtures) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.setSavepoint();
                fixtures.create(Author.class);
                connection.commit();
                connection.rollback();
                try (Statement statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.execute("SELECT no_such_column FROM authors"))
                            .isInstanceOf(SQLException.class);
                }
                connection.rollback();
            }
            assertThat(queries.statements()).singleElement().satisfies(statement -> {
                assertThat(statement.sql()).isEqualTo("SELECT no_such_column FROM authors");
                assertThat(statement.failed()).isTrue();
            });
        }

        @Test
        void statementsOfOtherThreadsAreCapturedWithTheirThread(DataSource dataSource, QueryLog queries)
                throws Exception {
            ExecutorService executor = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int worker = 0; worker < 2; worker++) {
                    int id = worker;
                    futures.add(executor.submit(() -> {
                        start.await();
                        try (Connection connection = dataSource.getConnection();
                             PreparedStatement select = connection.prepareStatement("SELECT ? + 0")) {
                            for (int i = 0; i < 100; i++) {
                                select.setInt(1, id * 1000 + i);
                                select.executeQuery().close();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                executor.shutdownNow();
            }
            List<CapturedStatement> statements = queries.statements();
            assertThat(statements).hasSize(200).allSatisfy(statement -> {
                assertThat(statement.onTestThread()).isFalse();
                assertThat(statement.thread()).startsWith("pool-");
            });
            // Each execution carries its own parameter, recorded on its own thread: none lost, none mixed up.
            assertThat(statements).extracting(s -> ((Number) s.parameters().get(0)).intValue())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 200)
                            .map(i -> i < 100 ? i : 1000 + i - 100).boxed().toList());
            assertThat(statements.stream().collect(java.util.stream.Collectors.groupingBy(CapturedStatement::thread,
                    java.util.stream.Collectors.mapping(s -> ((Number) s.parameters().get(0)).intValue() / 1000,
                            java.util.stream.Collectors.toSet())))).allSatisfy((thread, workers) ->
                    assertThat(workers).hasSize(1));
        }

        @Test
        void duringReturnsJustTheBlockAndClearForgets(DataSource dataSource, QueryLog queries) throws SQLException {
            names(dataSource);
            QueryLog block = queries.during(() -> {
                names(dataSource);
                names(dataSource);
            });
            assertThat(block.statements()).hasSize(2);
            assertThat(queries.statements()).hasSize(3);
            queries.clear();
            assertThat(queries.statements()).isEmpty();
            assertThat(queries.during(() -> names(dataSource)).statements()).hasSize(1);
        }

        @Test
        void aDataSourceOfTheClassRoutesIntoTheTestsLog(QueryLog queries) throws SQLException {
            names(classDataSource);
            assertThat(queries.statements()).hasSize(1);
        }

        @Test
        void aBlockThatThrowsThrowsItsException(QueryLog queries) {
            assertThatThrownBy(() -> queries.during(() -> {
                throw new SQLException("boom");
            })).isInstanceOf(SQLException.class).hasMessage("boom");
        }

        private static DataSource classDataSource;

        @org.junit.jupiter.api.BeforeAll
        static void keep(DataSource dataSource) {
            classDataSource = dataSource;
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    @MaxQueries(total = 2)
    static class DeclarativeTestCase {

        static final int LINE = lineOf("two-selects");
        static final int COUNT_LINE = lineOf("count");

        @Test
        @ExpectQueries(select = 1)
        void oneSelect(DataSource dataSource) throws SQLException {
            count(dataSource);
        }

        @Test
        @ExpectQueries(select = 1)
        void twoSelects(DataSource dataSource) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("select count(*) from authors").close(); s.executeQuery("select count(*) from authors").close(); // line: two-selects
            }
        }

        @Test
        void twoStatementsUnderAClassLimitOfTwo(DataSource dataSource) throws SQLException {
            count(dataSource);
            count(dataSource);
        }

        @Test
        void threeStatementsUnderAClassLimitOfTwo(DataSource dataSource) throws SQLException {
            count(dataSource);
            count(dataSource);
            count(dataSource);
        }

        @Test
        @ExpectQueries(insert = 0, select = 0)
        void fixturesInTheBodyAreNotCounted(Fixtures fixtures) {
            fixtures.createList(Article.class, 5);
        }

        static void count(DataSource dataSource) throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("select count(*) from authors").close(); // line: count
            }
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class NPlusOneTestCase {

        static final int LINE = lineOf("author-name");

        @Test
        void aNaiveListFetchesEachAuthorAlone(DataSource dataSource, Fixtures fixtures, QueryLog queries)
                throws SQLException {
            fixtures.createList(Article.class, 5);
            queries.clear();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet articles = statement.executeQuery("SELECT title, author_id FROM articles ORDER BY id")) {
                while (articles.next()) {
                    authorName(connection, articles.getLong(2));
                }
            }
            DbAssertions.assertThat(queries).hasNoRepeatedSelects();
        }

        private static String authorName(Connection connection, long id) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT name FROM authors WHERE id = ?")) {
                select.setLong(1, id);
                try (ResultSet row = select.executeQuery()) { // line: author-name
                    return row.next() ? row.getString(1) : null;
                }
            }
        }

        @Test
        void aJoinFetchesThemAllAtOnce(DataSource dataSource, Fixtures fixtures, QueryLog queries) throws SQLException {
            fixtures.createList(Article.class, 5);
            queries.clear();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT a.title, u.name FROM articles a JOIN authors u "
                         + "ON u.id = a.author_id ORDER BY a.id")) {
                int count = 0;
                while (rows.next()) {
                    count++;
                }
                assertThat(count).isEqualTo(5);
            }
            DbAssertions.assertThat(queries).hasSelectCount(1).hasNoRepeatedSelects();
        }
    }

    @DatabaseTest(entities = {Author.class, Article.class, Label.class})
    static class BudgetTestCase {

        static volatile int selects;

        @Test
        void listsAuthors(DataSource dataSource) throws SQLException {
            names(dataSource);
            try (Connection connection = dataSource.getConnection()) {
                for (int i = 0; i < selects; i++) {
                    try (PreparedStatement count = connection.prepareStatement(
                            "select count(*) from authors where name <> ?")) {
                        count.setString(1, "x" + i);
                        count.executeQuery().close();
                    }
                }
            }
        }

        @Test
        void writesNothing() {
        }

        @ParameterizedTest
        @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
        @org.junit.jupiter.api.DisplayName("a display name that does not name the budget")
        void counts(int times, DataSource dataSource) throws SQLException {
            for (int i = 0; i < times; i++) {
                names(dataSource);
            }
        }
    }
}
