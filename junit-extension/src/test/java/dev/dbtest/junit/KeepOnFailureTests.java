package dev.dbtest.junit;

import com.github.dockerjava.api.model.Container;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code dbtest.keep-on-failure=true}: a failed test's rows (its uncommitted ones, or a non-transactional test's
 * committed ones) are copied into a database of their own that outlives the run, and the failure says how to connect
 * to it. Checked on H2 (a file database), on the machine's PostgreSQL through {@code dbtest.url}, and in a private
 * container, which is then kept running on a developer's machine and stopped as usual when {@code CI=true}.
 */
class KeepOnFailureTests {

    private static final String LABEL = "dev.dbtest.keep-on-failure";
    private static final Pattern IN = Pattern.compile("  in: (dbtest_failed_[a-z0-9_]+) on ");
    private static final Pattern H2_URL = Pattern.compile("-url \"(jdbc:h2:file:[^\"]+)\" -user sa");
    private static final Pattern PSQL = Pattern.compile("psql \"postgresql://(\\w+):\\*\\*\\*@([^/]+)/(dbtest_failed_postgrestestcase_failsafterwriting_\\w+)\"");

    @Test
    void onH2TheFailedTestsRowsAreInAFileDatabaseAndTheNextTestSeesNoneOfThem() throws Exception {
        EngineExecutionResults results = Kit.run(Map.of("dbtest.database", "h2", "dbtest.keep-on-failure", "true"),
                H2TestCase.class);
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(3).aborted(1));
        String transactional = keptNote(results, "failsAfterWriting");
        assertThat(transactional)
                .startsWith("dbtest kept the data of the failed test H2TestCase.failsAfterWriting()")
                .contains("(dbtest.keep-on-failure=true)")
                .contains("rows: public.authors 2, public.books 1")
                .contains("connect: java -cp ").contains("h2").contains(" org.h2.tools.Shell -url \"jdbc:h2:file:")
                .contains("drop it: delete ");
        assertThat(reportEntries(results)).contains(transactional);
        try (Connection copy = h2Copy(transactional)) {
            assertThat(rows(copy, "SELECT name || ':' || shout FROM authors ORDER BY id"))
                    .as("the seeded row once, the test's uncommitted row, the generated column recomputed")
                    .containsExactly("seeded:SEEDED", "ada:ADA");
            assertThat(rows(copy, "SELECT a.name || ':' || b.title FROM books b JOIN authors a ON a.id = b.author_id"))
                    .containsExactly("ada:notes");
            assertIdentitiesContinue(copy);
        }

        String nonTransactional = keptNote(results, "failsAfterCommitting");
        assertThat(nonTransactional).contains("rows: public.authors 2");
        try (Connection copy = h2Copy(nonTransactional)) {
            assertThat(rows(copy, "SELECT name FROM authors ORDER BY id"))
                    .as("what the non-transactional test committed; the rolled-back test's row is gone")
                    .containsExactly("seeded", "grace");
        }

        String failedStatement = keptNote(results, "failsOnAStatementWithAutoCommitOff");
        assertThat(failedStatement).as("H2 does not abort a transaction on a failed statement").doesNotContain("note:");
        try (Connection copy = h2Copy(failedStatement)) {
            assertThat(rows(copy, "SELECT name FROM authors ORDER BY id")).containsExactly("seeded", "linus", "ken");
        }
        assertNothingKeptForTheAbortedTest(results);
    }

    private static void assertNothingKeptForTheAbortedTest(EngineExecutionResults results) {
        Throwable aborted = results.testEvents().aborted().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow();
        assertThat(aborted.getSuppressed()).as("an assumption that aborted a test is no failure").isEmpty();
        assertThat(reportEntries(results)).hasSize(3);
    }

    @Test
    void aCopyThatFailsIsReportedBesideTheTestsFailureWhichStands() throws Exception {
        Map<String, String> parameters = Map.of("dbtest.database", "h2", "dbtest.keep-on-failure", "true");
        String first = keptNote(Kit.run(parameters, H2TestCase.class), "failsAfterWriting");
        Matcher url = H2_URL.matcher(first);
        assertThat(url.find()).as(first).isTrue();
        // A directory where the copy's file must go: dbtest cannot replace it.
        Path blocker = Path.of(url.group(1).substring("jdbc:h2:file:".length()).replaceFirst(";.*", "") + ".mv.db");
        Files.delete(blocker); // the copy the first run made
        Files.createDirectories(blocker.resolve("in-the-way"));
        try {
            EngineExecutionResults results = Kit.run(parameters, H2TestCase.class);
            results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(3).aborted(1));
            Throwable failure = failure(results, "failsAfterWriting");
            assertThat(failure).isInstanceOf(AssertionError.class).hasMessage("on purpose, after writing");
            assertThat(failure.getSuppressed()).hasSize(1);
            assertThat(failure.getSuppressed()[0].getMessage())
                    .startsWith("dbtest could not keep the data of the failed test "
                            + "H2TestCase.failsAfterWriting() in dbtest_failed_h2testcase_failsafterwriting_")
                    .contains("DirectoryNotEmptyException").contains("the test's own failure stands as it was")
                    .contains("fix: ").contains("dbtest.keep-on-failure=false");
        } finally {
            Files.delete(blocker.resolve("in-the-way"));
            Files.delete(blocker);
        }
    }

    /**
     * As the superuser, and as a user who owns the schema but is no superuser: the copy then cannot switch foreign keys
     * and triggers off for its session, and fills the tables parents first.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgres", NonTransactionalTests.NO_SUPERUSER})
    void onADbtestUrlServerTheCopyIsADatabaseBesideTheRunsOne(String user) throws Exception {
        try (Connection admin = SecurityTests.localPostgres()) {
            NonTransactionalTests.createTheUserWhoIsNoSuperuser();
            Map<String, String> parameters = new HashMap<>();
            parameters.put("dbtest.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
            parameters.put("dbtest.username", user);
            parameters.put("dbtest.keep-on-failure", "true");
            EngineExecutionResults results = Kit.run(parameters, PostgresTestCase.class);
            results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(3).aborted(1));
            List<String> copies = new ArrayList<>();
            try {
                String transactional = keptNote(results, "failsAfterWriting");
                String nonTransactional = keptNote(results, "failsAfterCommitting");
                copies.add(copyName(transactional));
                copies.add(copyName(nonTransactional));
                assertThat(transactional).contains("rows: public.events 1, public.authors 2, public.books 1")
                        .contains("connect: psql \"postgresql://" + user + "@127.0.0.1:5432/" + copies.get(0) + "\"")
                        .contains("drop it: DROP DATABASE " + copies.get(0) + ";");
                try (Connection copy = postgres("127.0.0.1:5432", copies.get(0), user, "")) {
                    assertTransactionalCopy(copy);
                }
                try (Connection copy = postgres("127.0.0.1:5432", copies.get(1), user, "")) {
                    assertThat(rows(copy, "SELECT name FROM authors ORDER BY id")).containsExactly("seeded", "grace");
                }
                String failedStatement = keptNote(results, "failsOnAStatementWithAutoCommitOff");
                copies.add(copyName(failedStatement));
                assertThat(failedStatement).contains("note: the test's transaction was aborted by a failed statement "
                        + "(auto-commit off, no rollback): PostgreSQL shows no row of an aborted transaction, so the "
                        + "copy holds what the test had committed");
                try (Connection copy = postgres("127.0.0.1:5432", copies.get(2), user, "")) {
                    assertThat(rows(copy, "SELECT name FROM authors ORDER BY id"))
                            .as("what was committed before the failed statement; not what came after the commit")
                            .containsExactly("seeded", "linus");
                }
                assertNothingKeptForTheAbortedTest(results);
                assertThat(rows(admin, "SELECT datname FROM pg_database WHERE datname LIKE 'dbtest\\_failed\\_%abort%'"))
                        .isEmpty();
            } finally {
                for (String copy : copies) {
                    admin.createStatement().execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
                }
            }
        }
    }

    @Test
    void aPrivateContainerHoldingACopyKeepsRunningAfterTheRunOnADevelopersMachine() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        List<String> before = keptContainers().stream().map(Container::getId).toList();
        List<Container> kept = List.of();
        try (ChildJvm child = ChildJvm.run(Map.of("CI", ""), PostgresTestCase.class, "-Ddbtest.database=postgres",
                "-Ddbtest.keep-on-failure=true")) {
            assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = String.join("\n", child.output());
            assertThat(child.process().exitValue()).as(output).isEqualTo(1);
            kept = keptContainers().stream().filter(container -> !before.contains(container.getId())).toList();
            assertThat(output).contains("child run ended: 2 passed, 3 failed")
                    .contains("on purpose, after writing | suppressed: dev.dbtest.core.DbTestException: dbtest kept "
                            + "the data of the failed test PostgresTestCase.failsAfterWriting()")
                    .contains("or, without the password: docker exec -it ")
                    .contains("keeps running after the run: it holds the data of failed tests");
            assertThat(kept).as(output).hasSize(1);
            assertThat(kept.get(0).getState()).isEqualTo("running");
            assertThat(output).contains("docker rm -f " + kept.get(0).getId().substring(0, 12));
            String password = Arrays.stream(DockerClientFactory.instance().client()
                    .inspectContainerCmd(kept.get(0).getId()).exec().getConfig().getEnv())
                    .filter(variable -> variable.startsWith("POSTGRES_PASSWORD=")).findFirst().orElseThrow()
                    .substring("POSTGRES_PASSWORD=".length());
            assertThat(output).as("the password is masked").doesNotContain(password);
            Matcher psql = PSQL.matcher(output);
            assertThat(psql.find()).as(output).isTrue();
            try (Connection copy = postgres(psql.group(2), psql.group(3), psql.group(1), password)) {
                assertTransactionalCopy(copy);
            }
        } finally {
            remove(kept);
        }
    }

    @Test
    void onCiAPrivateContainerIsStoppedAndTheRunSaysThatNothingIsKept() throws Exception {
        TestedDatabase.POSTGRES.parameters();
        List<String> keptBefore = keptContainers().stream().map(Container::getId).toList();
        int before = dbtestContainers();
        try (ChildJvm child = ChildJvm.run(Map.of("CI", "true"), PostgresTestCase.class, "-Ddbtest.database=postgres",
                "-Ddbtest.keep-on-failure=true")) {
            assertThat(child.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = String.join("\n", child.output());
            assertThat(output).contains("child run ended: 2 passed, 3 failed")
                    .contains("dbtest: dbtest.keep-on-failure=true is ignored (CI=true: the container is stopped at "
                            + "the end of the run): no failed test's data is kept in this run")
                    .doesNotContain("dbtest kept the data");
            assertThat(output.split("keep-on-failure=true is ignored", -1)).as("said once").hasSize(2);
        }
        assertThat(keptContainers()).map(Container::getId).containsExactlyInAnyOrderElementsOf(keptBefore);
        assertThat(dbtestContainers()).as("the run's container is gone").isEqualTo(before);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** On PostgreSQL: the rows, and an enum array and a partitioned table copied too. */
    private static void assertTransactionalCopy(Connection copy) throws SQLException {
        assertThat(rows(copy, "SELECT name || ':' || shout FROM authors ORDER BY id"))
                .as("the seeded row once, the test's uncommitted row, the generated column recomputed")
                .containsExactly("seeded:SEEDED", "ada:ADA");
        assertThat(rows(copy, "SELECT moods::text FROM authors WHERE name = 'ada'")).containsExactly("{calm,cross}");
        assertThat(rows(copy, "SELECT what FROM events_2026")).containsExactly("seeded event");
        assertThat(rows(copy, "SELECT a.name || ':' || b.title FROM books b JOIN authors a ON a.id = b.author_id"))
                .containsExactly("ada:notes");
        assertIdentitiesContinue(copy);
    }

    /** The next identity and serial values follow the largest copied ones. */
    private static void assertIdentitiesContinue(Connection copy) throws SQLException {
        long maxAuthor = Long.parseLong(rows(copy, "SELECT MAX(id) FROM authors").get(0));
        long maxBook = Long.parseLong(rows(copy, "SELECT MAX(id) FROM books").get(0));
        try (Statement statement = copy.createStatement()) {
            statement.executeUpdate("INSERT INTO authors (name) VALUES ('next')");
            statement.executeUpdate("INSERT INTO books (author_id, title) VALUES (" + maxAuthor + ", 'next')");
        }
        assertThat(rows(copy, "SELECT id FROM authors WHERE name = 'next'")).containsExactly(String.valueOf(maxAuthor + 1));
        assertThat(rows(copy, "SELECT id FROM books WHERE title = 'next'")).containsExactly(String.valueOf(maxBook + 1));
    }

    private static Throwable failure(EngineExecutionResults results, String method) {
        return results.testEvents().failed().stream()
                .filter(event -> event.getTestDescriptor().getUniqueId().toString().contains(method))
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow())
                .findFirst().orElseThrow(() -> new AssertionError("no failure of " + method));
    }

    /** The note dbtest added to the failure of {@code method}, after checking the failure itself stands. */
    private static String keptNote(EngineExecutionResults results, String method) {
        Throwable failure = failure(results, method);
        assertThat(failure).as("the test's own failure").isNotInstanceOf(dev.dbtest.core.DbTestException.class);
        assertThat(failure.getSuppressed()).as(Arrays.toString(failure.getSuppressed())).hasSize(1);
        assertThat(failure.getSuppressed()[0].getStackTrace()).isEmpty();
        return failure.getSuppressed()[0].getMessage();
    }

    private static List<String> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("dbtest.kept"))
                .filter(value -> value != null).toList();
    }

    private static String copyName(String note) {
        Matcher in = IN.matcher(note);
        assertThat(in.find()).as(note).isTrue();
        return in.group(1);
    }

    private static Connection h2Copy(String note) throws SQLException {
        Matcher url = H2_URL.matcher(note);
        assertThat(url.find()).as(note).isTrue();
        return DriverManager.getConnection(url.group(1), "sa", "");
    }

    private static Connection postgres(String hostAndPort, String database, String user, String password)
            throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + hostAndPort + "/" + database, user, password);
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static List<Container> keptContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(LABEL)).exec();
    }

    private static int dbtestContainers() {
        return DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                .withAncestorFilter(List.of(System.getenv().getOrDefault("DBTEST_POSTGRES_IMAGE",
                        "postgres:15-alpine"))).exec().size();
    }

    private static void remove(List<Container> containers) {
        for (Container container : containers) {
            DockerClientFactory.instance().client().removeContainerCmd(container.getId()).withForce(true).exec();
        }
    }

    // --- the test cases ---------------------------------------------------------------------------------------------

    /** Two failing tests, one transactional and one not, each followed by a test that sees only the seeded row. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    abstract static class KeepTestCase {
        @Test
        @Order(1)
        void failsAfterWriting(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO authors (name) VALUES ('ada')");
                statement.executeUpdate("INSERT INTO books (author_id, title) SELECT id, 'notes' FROM authors "
                        + "WHERE name = 'ada'");
            }
            fail("on purpose, after writing");
        }

        @Test
        @Order(2)
        void theNextTestSeesOnlyTheSeededRow(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(rows(connection, "SELECT name FROM authors")).containsExactly("seeded");
                assertThat(rows(connection, "SELECT title FROM books")).isEmpty();
            }
        }

        @Test
        @Order(3)
        @NonTransactional
        void failsAfterCommitting(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO authors (name) VALUES ('grace')");
            }
            fail("on purpose, after committing");
        }

        /** On PostgreSQL the failed statement aborts the transaction: the copy holds what was committed before. */
        @Test
        @Order(-2)
        void failsOnAStatementWithAutoCommitOff(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.executeUpdate("INSERT INTO authors (name) VALUES ('linus')");
                connection.commit();
                statement.executeUpdate("INSERT INTO authors (name) VALUES ('ken')");
                statement.executeUpdate("INSERT INTO books (author_id, title) VALUES (-1, 'no such author')");
            }
        }

        @Test
        @Order(-1)
        void abortsByAnAssumption(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO authors (name) VALUES ('skipped')");
            }
            org.junit.jupiter.api.Assumptions.abort("not today");
        }

        /** dbtest empties the tables a non-transactional test wrote, and puts their seed rows back. */
        @Test
        @Order(4)
        void afterTheNonTransactionalTestItsTablesHoldOnlyTheSeededRowAgain(DataSource dataSource) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                assertThat(rows(connection, "SELECT name FROM authors")).containsExactly("seeded");
            }
        }
    }

    @DatabaseTest(scripts = {"keep-on-failure.sql", "keep-on-failure-h2.sql"})
    static class H2TestCase extends KeepTestCase {
    }

    @DatabaseTest(scripts = {"keep-on-failure.sql", "keep-on-failure-postgres.sql"})
    static class PostgresTestCase extends KeepTestCase {
    }
}
